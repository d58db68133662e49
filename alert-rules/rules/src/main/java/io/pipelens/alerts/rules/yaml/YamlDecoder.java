package io.pipelens.alerts.rules.yaml;

import io.pipelens.alerts.promql.parse.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict decoding of {@link YamlNode}s into Java values, collecting every shape error ("line N:
 * field x not found in type y", wrong types, bad durations) instead of stopping at the first, in
 * the wording of Go's yaml package that promtool prints.
 */
public final class YamlDecoder {
  private final List<String> errors = new ArrayList<>();

  public List<String> errors() {
    return errors;
  }

  /** All collected errors as one message, like Go's "yaml: unmarshal errors:" list. */
  public String message() {
    StringBuilder sb = new StringBuilder("yaml: unmarshal errors:");
    for (String e : errors) {
      sb.append("\n  ").append(e);
    }
    return sb.toString();
  }

  public void error(YamlNode at, String message) {
    errors.add("line " + at.line() + ": " + message);
  }

  /** The node as a mapping whose keys must all be in {@code allowed}, or null after recording an error. */
  public YamlNode.Mapping mapping(YamlNode n, Set<String> allowed, String typeName) {
    if (n == null || (n instanceof YamlNode.Scalar s && s.text() == null)) {
      return new YamlNode.Mapping(new LinkedHashMap<>(), Map.of(), n == null ? 0 : n.line(), n == null ? 0 : n.column());
    }
    if (!(n instanceof YamlNode.Mapping m)) {
      error(n, "cannot unmarshal " + tag(n) + " into " + typeName);
      return null;
    }
    for (String k : m.entries().keySet()) {
      if (!allowed.contains(k)) {
        error(m.keys().get(k), "field " + k + " not found in type " + typeName);
      }
    }
    return m;
  }

  public List<YamlNode> sequence(YamlNode n, String what) {
    if (n == null || (n instanceof YamlNode.Scalar s && s.text() == null)) {
      return List.of();
    }
    if (!(n instanceof YamlNode.Sequence s)) {
      error(n, "cannot unmarshal " + tag(n) + " into " + what);
      return List.of();
    }
    return s.items();
  }

  /** A scalar's text; "" when absent or null. */
  public String string(YamlNode n) {
    if (n == null) {
      return "";
    }
    if (!(n instanceof YamlNode.Scalar s)) {
      error(n, "cannot unmarshal " + tag(n) + " into string");
      return "";
    }
    return s.text() == null ? "" : s.text();
  }

  /** A Prometheus duration in milliseconds; 0 when absent. */
  public long duration(YamlNode n) {
    String s = string(n);
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Durations.parseMillis(s);
    } catch (IllegalArgumentException e) {
      error(n, e.getMessage());
      return 0;
    }
  }

  public long integer(YamlNode n, String what) {
    String s = string(n);
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      error(n, "cannot unmarshal !!str `" + s + "` into " + what);
      return 0;
    }
  }

  public double number(YamlNode n, String what) {
    String s = string(n).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return switch (s) {
        case ".inf", "+.inf", ".Inf", "+.Inf", "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
        case "-.inf", "-.Inf", "-Inf" -> Double.NEGATIVE_INFINITY;
        case ".nan", ".NaN", "NaN" -> Double.NaN;
        default -> Double.parseDouble(s);
      };
    } catch (NumberFormatException e) {
      error(n, "cannot unmarshal !!str `" + s + "` into " + what);
      return 0;
    }
  }

  /** A string-to-string mapping in document order (empty when absent). */
  public Map<String, String> stringMap(YamlNode n) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    if (n == null || (n instanceof YamlNode.Scalar s && s.text() == null)) {
      return out;
    }
    if (!(n instanceof YamlNode.Mapping m)) {
      error(n, "cannot unmarshal " + tag(n) + " into map[string]string");
      return out;
    }
    m.entries().forEach((k, v) -> out.put(k, string(v)));
    return out;
  }

  private static String tag(YamlNode n) {
    return switch (n.kind()) {
      case "sequence" -> "!!seq";
      case "mapping" -> "!!map";
      default -> "!!str";
    };
  }
}
