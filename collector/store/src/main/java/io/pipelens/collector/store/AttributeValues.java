package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical forms of attribute values (OTLP AnyValue) that every store keeps and returns.
 *
 * <p>Canonical types: {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@code byte[]},
 * {@link List} of canonical values, {@link Map} with {@link String} keys and canonical values, and
 * {@code null} (an empty AnyValue). On write, {@link Integer}, {@link Short} and {@link Byte} widen
 * to {@link Long} and {@link Float} widens to {@link Double} (the exact binary value, so {@code
 * 0.1f} reads back as {@code 0.10000000149011612}); anything else is rejected with an {@link
 * IllegalArgumentException} naming the attribute. Maps keep their insertion order.
 *
 * <p>{@code byte[]} has identity equality, so records holding bytes compare equal only
 * field-by-field with array contents (AssertJ {@code usingRecursiveComparison()}).
 */
public final class AttributeValues {
  private AttributeValues() {}

  /** A canonical, unmodifiable copy of {@code attributes} ({@code null} stays {@code null}). */
  public static Map<String, Object> canonical(Map<String, Object> attributes, String what) {
    if (attributes == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, attributes.size() * 2));
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      out.put(e.getKey(), canonicalValue(e.getValue(), what + "." + e.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The canonical form of one value; {@code path} names it in the error. */
  public static Object canonicalValue(Object value, String path) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double
        || value instanceof byte[]) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(canonicalValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "attribute " + path + " is a map with a non-string key " + e.getKey());
        }
        out.put(key, canonicalValue(e.getValue(), path + "." + key));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException(
        "attribute "
            + path
            + " has unsupported type "
            + value.getClass().getName()
            + " (expected String, Boolean, Long, Double, byte[], List or Map)");
  }
}
