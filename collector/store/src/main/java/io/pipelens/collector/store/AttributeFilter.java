package io.pipelens.collector.store;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One attribute condition of a {@link TraceQuery}, on the span's own attributes.
 *
 * <p>With a {@code value}: the span has attribute {@code key} and its value equals {@code value}
 * read as text the way a user types it in a search box: a string attribute by exact text, a
 * boolean by {@code true}/{@code false}, a number (long or double) by numeric value when {@code
 * value} is a decimal number ({@code 200}, {@code -1.5}, {@code 1e-9}: {@code rows=42} matches 42
 * and 42.0). Lists, maps, bytes and non-finite doubles never match a value.
 *
 * <p>With a null {@code value} (Zipkin's bare {@code annotationQuery} term): the span has attribute
 * {@code key} (any value) or an event named {@code key}.
 */
public record AttributeFilter(String key, String value) {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  public AttributeFilter {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("attribute filter needs a key, got '" + key + "'");
    }
  }

  /** Key present or event named so. */
  public static AttributeFilter present(String key) {
    return new AttributeFilter(key, null);
  }

  public static AttributeFilter equal(String key, String value) {
    return new AttributeFilter(key, value == null ? "" : value);
  }

  /** The value as a long, when it is a whole decimal number that fits; else null. */
  public Long wholeNumber() {
    if (value == null || !NUMBER.matcher(value).matches() || value.contains(".")
        || value.contains("e") || value.contains("E")) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value as a (finite) double, when it is a decimal number; else null. */
  public Double number() {
    if (value == null || !NUMBER.matcher(value).matches()) {
      return null;
    }
    double d = new BigDecimal(value).doubleValue();
    return Double.isFinite(d) ? d : null;
  }

  boolean matches(SpanRecord s) {
    Map<String, Object> attrs = s.attributes();
    if (value == null) {
      return attrs != null && attrs.containsKey(key)
          || s.events() != null && s.events().stream().anyMatch(e -> key.equals(e.name()));
    }
    if (attrs == null || !attrs.containsKey(key)) {
      return false;
    }
    Object v = attrs.get(key);
    if (v instanceof String || v instanceof Boolean) {
      return value.equals(v.toString());
    }
    if (v instanceof Long l) {
      Long whole = wholeNumber();
      if (whole != null) {
        return whole == l.longValue();
      }
      Double d = number();
      return d != null && d == (double) l;
    }
    if (v instanceof Double x) {
      Double d = number();
      return d != null && d.doubleValue() == x;
    }
    return false;
  }
}
