package io.pipelens.dashboards;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Series names and their label names on a Prometheus text format (0.0.4) page. */
final class ExposedMetrics {
  private ExposedMetrics() {}

  static MetricCatalog parse(String source, String page) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String line : page.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int brace = l.indexOf('{');
      int space = l.indexOf(' ');
      if (brace < 0 || (space >= 0 && space < brace)) {
        out.computeIfAbsent(l.substring(0, space < 0 ? l.length() : space), k -> new TreeSet<>());
        continue;
      }
      Set<String> labels = out.computeIfAbsent(l.substring(0, brace), k -> new TreeSet<>());
      labelNames(l, brace + 1, labels);
    }
    return new MetricCatalog(source, out, false);
  }

  /** Reads {@code name="value",...}} from {@code i}, skipping escaped characters inside values. */
  private static void labelNames(String l, int i, Set<String> into) {
    while (i < l.length() && l.charAt(i) != '}') {
      int eq = l.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("bad series line on /metrics: " + l);
      }
      into.add(l.substring(i, eq).strip());
      int j = eq + 2; // after ="
      while (j < l.length() && l.charAt(j) != '"') {
        j += l.charAt(j) == '\\' ? 2 : 1;
      }
      i = j + 1;
      if (i < l.length() && l.charAt(i) == ',') {
        i++;
      }
    }
  }
}
