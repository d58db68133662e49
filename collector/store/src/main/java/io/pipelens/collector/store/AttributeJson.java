package io.pipelens.collector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    StringWriter out = new StringWriter(32 + map.size() * 32);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writeMap(g, map, what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String encodeValue(Object value, String what) {
    if (value == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writeValue(g, value, what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  static void writeMap(JsonGenerator g, Map<String, Object> map, String what) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      g.writeFieldName(e.getKey());
      writeValue(g, e.getValue(), what + "." + e.getKey());
    }
    g.writeEndObject();
  }

  static void writeValue(JsonGenerator g, Object v, String path) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeStartObject();
        g.writeStringField("$d", Double.toString(d));
        g.writeEndObject();
      }
    } else if (v instanceof byte[] bytes) {
      g.writeStartObject();
      g.writeStringField("$b", Base64.getEncoder().encodeToString(bytes));
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (int i = 0; i < list.size(); i++) {
        writeValue(g, list.get(i), path + "[" + i + "]");
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      g.writeFieldName("$m");
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "attribute " + path + " is a map with a non-string key " + e.getKey());
        }
        g.writeFieldName(key);
        writeValue(g, e.getValue(), path + "." + key);
      }
      g.writeEndObject();
      g.writeEndObject();
    } else {
      // Same message as the canonical check, so both stores reject bad input alike.
      AttributeValues.canonicalValue(v, path);
    }
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
