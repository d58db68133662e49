package io.pipelens.collector.series;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Attribute values as label text, per the OpenTelemetry attribute rules for non-string values:
 * numbers and booleans as their literal, arrays and maps as JSON, bytes as base64.
 */
final class AttributeText {

  private AttributeText() {}

  static String of(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (v instanceof List<?> || v instanceof Map<?, ?>) {
      StringBuilder b = new StringBuilder();
      json(v, b);
      return b.toString();
    }
    return String.valueOf(v);
  }

  private static void json(Object v, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof List<?> list) {
      b.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        json(list.get(i), b);
      }
      b.append(']');
    } else if (v instanceof Map<?, ?> map) {
      b.append('{');
      boolean first = true;
      for (var e : map.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        quote(String.valueOf(e.getKey()), b);
        b.append(':');
        json(e.getValue(), b);
      }
      b.append('}');
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else {
      quote(of(v), b);
    }
  }

  private static void quote(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
