package io.pipelens.alerts.notify.api;

import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.alert.Matchers;
import io.pipelens.alerts.notify.silence.Silence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code filter} query parameter of {@code GET /api/v2/alerts}, {@code /alerts/groups} and
 * {@code /silences}: label matchers such as {@code alertname="Lag"} or {@code job=~"etl.*"}.
 */
public final class Filters {
  private Filters() {}

  /**
   * Parses every {@code filter} value.
   *
   * @throws IllegalArgumentException with Alertmanager's text {@code bad matcher format: ...}
   */
  public static List<Matcher> parse(List<String> filters) {
    List<Matcher> out = new ArrayList<>();
    for (String f : filters) {
      List<Matcher> ms;
      try {
        ms = Matchers.parse(f);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad matcher format: " + f, e);
      }
      if (ms.size() != 1) throw new IllegalArgumentException("bad matcher format: " + f);
      out.add(ms.get(0));
    }
    return out;
  }

  /** Alertmanager's matchFilterLabels: an empty-valued matcher ignores an absent label. */
  public static boolean matches(List<Matcher> filter, Map<String, String> labels) {
    for (Matcher m : filter) {
      String v = labels.get(m.name());
      boolean negative = m.type() == Matcher.Type.NE || m.type() == Matcher.Type.NRE;
      if (m.value().isEmpty() && (negative ? v != null : v == null)) continue;
      if (!m.matches(v == null ? "" : v)) return false;
    }
    return true;
  }

  /** A silence matches when its matchers, read as a label set (name to pattern), match the filter. */
  public static boolean matches(List<Matcher> filter, Silence s) {
    Map<String, String> patterns = new HashMap<>();
    for (Matcher m : s.matchers()) patterns.put(m.name(), m.value());
    return matches(filter, patterns);
  }
}
