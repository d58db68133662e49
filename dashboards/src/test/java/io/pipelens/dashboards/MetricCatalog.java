package io.pipelens.dashboards;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metric names with the label names they carry, from one source (the docs or a /metrics page).
 *
 * @param source what the names come from, for messages
 * @param families true when names are families (docs): {@code X_bucket} (with {@code le}),
 *     {@code X_sum}, {@code X_count}, {@code X_max} of a documented {@code X} are known too
 */
record MetricCatalog(String source, Map<String, Set<String>> labelsByName, boolean families) {

  /** The labels of a series name as a query selects it, empty when the name is unknown here. */
  Optional<Set<String>> labels(String name) {
    Set<String> exact = labelsByName.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    if (!families) {
      return Optional.empty();
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count", "_max"}) {
      if (name.endsWith(suffix)) {
        Set<String> family = labelsByName.get(name.substring(0, name.length() - suffix.length()));
        if (family != null) {
          Set<String> out = new TreeSet<>(family);
          if (suffix.equals("_bucket")) {
            out.add("le");
          }
          return Optional.of(out);
        }
      }
    }
    return Optional.empty();
  }
}
