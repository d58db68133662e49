package io.pipelens.alerts.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, name-sorted set of label pairs identifying a series. The metric name is the label
 * {@value #METRIC_NAME}. Empty values are never stored: setting a label to "" removes it, as in
 * Prometheus.
 */
public final class Labels implements Comparable<Labels> {
  public static final String METRIC_NAME = "__name__";
  public static final Labels EMPTY = new Labels(new String[0]);

  private final String[] pairs; // name0, value0, name1, value1 ... sorted by name
  private int hash;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /** Builds labels from alternating name/value arguments. */
  public static Labels of(String... nameValues) {
    if (nameValues.length % 2 != 0) {
      throw new IllegalArgumentException("Labels.of needs name/value pairs, got odd count");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put(nameValues[i], nameValues[i + 1]);
    }
    return fromMap(m);
  }

  public static Labels fromMap(Map<String, String> map) {
    TreeMap<String, String> sorted = map instanceof TreeMap<String, String> t ? t : new TreeMap<>(map);
    List<String> out = new ArrayList<>();
    sorted.forEach(
        (k, v) -> {
          if (v != null && !v.isEmpty()) {
            out.add(k);
            out.add(v);
          }
        });
    return new Labels(out.toArray(new String[0]));
  }

  public int size() {
    return pairs.length / 2;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int i) {
    return pairs[2 * i];
  }

  public String value(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of a label, or "" when absent (Prometheus semantics). */
  public String get(String name) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(name)) {
        return pairs[i + 1];
      }
    }
    return "";
  }

  public boolean has(String name) {
    return !get(name).isEmpty();
  }

  public String metricName() {
    return get(METRIC_NAME);
  }

  public TreeMap<String, String> toMap() {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  public Labels with(String name, String value) {
    TreeMap<String, String> m = toMap();
    m.put(name, value);
    return fromMap(m);
  }

  public Labels without(String name) {
    if (!has(name)) {
      return this;
    }
    return filter(n -> !n.equals(name));
  }

  public Labels withoutMetricName() {
    return without(METRIC_NAME);
  }

  /** Keeps only the named labels. */
  public Labels keep(Collection<String> names) {
    return filter(names::contains);
  }

  /** Removes the named labels. */
  public Labels drop(Collection<String> names) {
    return names.isEmpty() ? this : filter(n -> !names.contains(n));
  }

  private Labels filter(java.util.function.Predicate<String> keepName) {
    String[] out = new String[pairs.length];
    int n = 0;
    for (int i = 0; i < pairs.length; i += 2) {
      if (keepName.test(pairs[i])) {
        out[n++] = pairs[i];
        out[n++] = pairs[i + 1];
      }
    }
    return n == pairs.length ? this : new Labels(java.util.Arrays.copyOf(out, n));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && Arrays.equals(pairs, l.pairs);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(pairs);
      hash = h;
    }
    return h;
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(pairs.length, o.pairs.length);
    for (int i = 0; i < n; i++) {
      int c = pairs[i].compareTo(o.pairs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pairs.length, o.pairs.length);
  }

  /** Prometheus notation: {@code name{a="b", c="d"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(metricName()).append('{');
    boolean first = true;
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
    }
    return sb.append('}').toString();
  }

  /** Notation with every label inside the braces, used in error messages like Prometheus's. */
  public String toFullString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < pairs.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
    }
    return sb.append('}').toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
