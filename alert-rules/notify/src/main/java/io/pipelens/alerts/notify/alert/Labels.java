package io.pipelens.alerts.notify.alert;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Helpers for label sets: immutable sorted copies and Prometheus' {@code {a="b", c="d"}} form. */
public final class Labels {
  private Labels() {}

  public static SortedMap<String, String> copy(Map<String, String> labels) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
  }

  /** Prometheus' LabelSet.String(): sorted, quoted values, ", " separated. */
  public static String format(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      if (!first) sb.append(", ");
      first = false;
      sb.append(e.getKey()).append('=').append(quote(e.getValue()));
    }
    return sb.append('}').toString();
  }

  static String quote(String v) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
