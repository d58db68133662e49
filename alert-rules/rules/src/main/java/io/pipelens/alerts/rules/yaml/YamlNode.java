package io.pipelens.alerts.rules.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the 1-based line and column where it starts, so validation errors can point
 * at the offending text like promtool does.
 */
public sealed interface YamlNode {
  int line();

  int column();

  /** A scalar; {@code text} is null for YAML null ({@code ~} or an empty value). */
  record Scalar(String text, int line, int column) implements YamlNode {}

  record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {}

  /** A mapping in document order; {@code keys} holds each key's own node for positions. */
  record Mapping(LinkedHashMap<String, YamlNode> entries, Map<String, Scalar> keys, int line, int column)
      implements YamlNode {}

  default String kind() {
    if (this instanceof Scalar s) {
      return s.text() == null ? "null" : "scalar";
    }
    return this instanceof Sequence ? "sequence" : "mapping";
  }
}
