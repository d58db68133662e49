package io.pipelens.alerts.rules.unittest;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An alert as promtool compares it: labels and annotations, rendered as promtool prints them. */
record LabelsAndAnnotations(TreeMap<String, String> labels, TreeMap<String, String> annotations) {
  static final Comparator<LabelsAndAnnotations> ORDER =
      Comparator.<LabelsAndAnnotations, String>comparing(a -> flat(a.labels)).thenComparing(a -> flat(a.annotations));

  private static String flat(Map<String, String> m) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, String>> it = m.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      sb.append(e.getKey()).append('\u0000').append(e.getValue()).append('\u0001');
    }
    return sb.toString();
  }

  static String render(List<LabelsAndAnnotations> la) {
    if (la.isEmpty()) {
      return "[]";
    }
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < la.size(); i++) {
      s.append(i == 0 ? "\n" : ",\n").append(i).append(':')
          .append(TestGroupRun.indent("\nLabels:" + GoText.labels(la.get(i).labels) + "\nAnnotations:"
              + GoText.labels(la.get(i).annotations), "  "));
    }
    return s.append("\n]").toString();
  }
}
