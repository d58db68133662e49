package io.pipelens.collector.series;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable label set sorted by name; the metric name is the {@code __name__} label. Labels with
 * an empty value are dropped, as in Prometheus (a missing label and an empty one are the same).
 */
public record Labels(SortedMap<String, String> map) implements Comparable<Labels> {

  public static final String NAME = "__name__";

  public Labels {
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        copy.put(k, v);
      }
    });
    map = Collections.unmodifiableSortedMap(copy);
  }

  public static Labels of(Map<String, String> map) {
    return new Labels(new TreeMap<>(map));
  }

  /** {@code Labels.of("__name__", "up", "job", "etl")}: name/value pairs. */
  public static Labels of(String... nameValues) {
    if (nameValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count " + nameValues.length);
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put(nameValues[i], nameValues[i + 1]);
    }
    return new Labels(m);
  }

  /** The value of a label, or "" when absent. */
  public String get(String name) {
    return map.getOrDefault(name, "");
  }

  public String metricName() {
    return get(NAME);
  }

  /** A copy with one label set (or removed when {@code value} is empty). */
  public Labels with(String name, String value) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.put(name, value);
    return new Labels(m);
  }

  public Labels without(String name) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.remove(name);
    return new Labels(m);
  }

  @Override
  public int compareTo(Labels o) {
    Iterator<Map.Entry<String, String>> a = map.entrySet().iterator();
    Iterator<Map.Entry<String, String>> b = o.map.entrySet().iterator();
    while (a.hasNext() && b.hasNext()) {
      Map.Entry<String, String> x = a.next();
      Map.Entry<String, String> y = b.next();
      int c = x.getKey().compareTo(y.getKey());
      if (c == 0) {
        c = x.getValue().compareTo(y.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(a.hasNext(), b.hasNext());
  }

  @Override
  public String toString() {
    return map.toString();
  }
}
