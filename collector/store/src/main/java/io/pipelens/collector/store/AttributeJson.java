package io.pipelens.collector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-preserving JSON for attribute maps and AnyValues, as stored in the DuckDB text columns.
 *
 * <ul>
 *   <li>String, Boolean, null: the JSON string, {@code true}/{@code false}, {@code null}.
 *   <li>Long: a JSON integer ({@code 42}); Double: a JSON number that always carries a fraction or
 *       exponent ({@code 42.0}, {@code 1.0E-9}), so the two never blur on the way back.
 *   <li>Non-finite Double: {@code {"$d":"NaN"}}, {@code {"$d":"Infinity"}}, {@code
 *       {"$d":"-Infinity"}}.
 *   <li>byte[]: {@code {"$b":"<base64>"}}; List: a JSON array; nested Map (kvlist): {@code
 *       {"$m":{...}}}.
 * </ul>
 *
 * A top-level attribute map is a plain JSON object. A JSON object in value position is always one of
 * the single-key tagged forms above, so user keys such as {@code "$b"} can never be misread.
 */
final class AttributeJson {
  private static final JsonFactory JSON = new JsonFactory();

  private AttributeJson() {}

  static String encodeMap(Map<String, Object> map, String what) {
    if (map == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(32 + map.size() * 32);
    try {
      writeMap(out, map, null);
    } catch (Unencodable e) {
      out.setLength(0);
      writeMap(out, map, what); // again, naming the bad value this time
    }
    return out.toString();
  }

  /**
   * {@link #encodeMap} without naming anything: the ingest path encodes every span's attributes,
   * and building each attribute's path string (only ever needed for an error) cost more than the
   * encoding. Throws {@link Unencodable}; the caller then calls {@link #encodeMap} for the message.
   */
  static String encodeMapUnnamed(Map<String, Object> map) {
    if (map == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(32 + map.size() * 32);
    writeMap(out, map, null);
    return out.toString();
  }

  /** A value of an unsupported type, found while encoding without paths. */
  static final class Unencodable extends RuntimeException {
    Unencodable() {
      super("unsupported attribute value", null, false, false);
    }
  }

  static String encodeValue(Object value, String what) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    try {
      writeValue(out, value, null);
    } catch (Unencodable e) {
      out.setLength(0);
      writeValue(out, value, what);
    }
    return out.toString();
  }

  static Map<String, Object> decodeMap(String json) {
    if (json == null) {
      return null;
    }
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      return readMap(p);
    } catch (IOException e) {
      throw new IllegalStateException("stored attribute JSON is corrupt: " + e.getMessage(), e);
    }
  }

  static Object decodeValue(String json) {
    if (json == null) {
      return null;
    }
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      return readValue(p);
    } catch (IOException e) {
      throw new IllegalStateException("stored value JSON is corrupt: " + e.getMessage(), e);
    }
  }

  // Hand-written output: Jackson's generator set-up cost more than the encoding of a small map.
  // A null path means "do not name values": an unsupported one throws Unencodable.
  static void writeMap(StringBuilder out, Map<String, Object> map, String what) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, e.getKey());
      out.append(':');
      writeValue(out, e.getValue(), what == null ? null : what + "." + e.getKey());
    }
    out.append('}');
  }

  static void writeValue(StringBuilder out, Object v, String path) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      writeString(out, s);
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        out.append(d); // Double.toString: always a '.' or an exponent, shortest exact form
      } else {
        out.append("{\"$d\":\"").append(d).append("\"}");
      }
    } else if (v instanceof byte[] bytes) {
      out.append("{\"$b\":\"").append(Base64.getEncoder().encodeToString(bytes)).append("\"}");
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, list.get(i), path == null ? null : path + "[" + i + "]");
      }
      out.append(']');
    } else if (v instanceof Map<?, ?> map) {
      out.append("{\"$m\":{");
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          if (path == null) {
            throw new Unencodable();
          }
          throw new IllegalArgumentException(
              "attribute " + path + " is a map with a non-string key " + e.getKey());
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, key);
        out.append(':');
        writeValue(out, e.getValue(), path == null ? null : path + "." + key);
      }
      out.append("}}");
    } else if (path == null) {
      throw new Unencodable();
    } else {
      // Same message as the canonical check, so both stores reject bad input alike.
      AttributeValues.canonicalValue(v, path);
    }
  }

  static void writeString(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int clean = 0;
    while (clean < n) {
      char c = s.charAt(clean);
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      clean++;
    }
    if (clean == n) {
      // Nothing to escape (the common case): one bulk copy instead of a char-by-char append.
      out.append(s).append('"');
      return;
    }
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    out.append(s, run, n).append('"');
  }

  /** Reads a plain object; the parser is on START_OBJECT and ends on its END_OBJECT. */
  static Map<String, Object> readMap(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      map.put(key, readValue(p));
    }
    return map;
  }

  static Object readValue(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p));
        }
        return list;
      case START_OBJECT:
        return readTagged(p);
      default:
        throw new IOException("unexpected token " + p.currentToken());
    }
  }

  private static Object readTagged(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.FIELD_NAME) {
      throw new IOException("empty tagged value");
    }
    String tag = p.currentName();
    p.nextToken();
    Object result;
    switch (tag) {
      case "$d" -> result = Double.parseDouble(p.getText());
      case "$b" -> result = Base64.getDecoder().decode(p.getText());
      case "$m" -> result = readMap(p);
      default -> throw new IOException("unknown value tag " + tag);
    }
    if (p.nextToken() != JsonToken.END_OBJECT) {
      throw new IOException("tagged value " + tag + " has more than one key");
    }
    return result;
  }
}
