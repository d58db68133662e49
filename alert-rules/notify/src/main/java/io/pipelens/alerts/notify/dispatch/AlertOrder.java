package io.pipelens.alerts.notify.dispatch;

import io.pipelens.alerts.notify.alert.Alert;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The order alerts appear in a notification, as in Alertmanager (types.AlertSlice): by the
 * {@code job} label, then {@code instance} (alerts having the label first), then by label set
 * (fewer labels first, then the first differing value in label-name order).
 */
final class AlertOrder {
  static final Comparator<Alert> ALERTMANAGER = AlertOrder::compare;

  private AlertOrder() {}

  static int compare(Alert a, Alert b) {
    for (String key : new String[] {"job", "instance"}) {
      String x = a.labels().get(key);
      String y = b.labels().get(key);
      if (x == null && y == null) continue;
      if (x == null) return 1;
      if (y == null) return -1;
      int c = x.compareTo(y);
      if (c != 0) return c;
    }
    return compareLabelSets(a.labels(), b.labels());
  }

  private static int compareLabelSets(Map<String, String> x, Map<String, String> y) {
    if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
    TreeSet<String> names = new TreeSet<>(x.keySet());
    names.addAll(y.keySet());
    for (String n : names) {
      String xv = x.get(n);
      String yv = y.get(n);
      if (xv == null) return -1;
      if (yv == null) return 1;
      int c = xv.compareTo(yv);
      if (c != 0) return c;
    }
    return 0;
  }
}
