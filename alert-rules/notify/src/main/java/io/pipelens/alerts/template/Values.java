package io.pipelens.alerts.template;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Go semantics for template values: truth, field lookup, comparison. */
final class Values {
  private Values() {}

  static boolean truth(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof Long l) return l != 0;
    if (v instanceof Integer i) return i != 0;
    if (v instanceof Number n) return n.doubleValue() != 0;
    if (v instanceof CharSequence s) return s.length() > 0;
    if (v instanceof Collection<?> c) return !c.isEmpty();
    if (v instanceof Map<?, ?> m) return !m.isEmpty();
    if (v instanceof Object[] a) return a.length > 0;
    return true;
  }

  static Object field(Object receiver, String name, List<Object> args) {
    if (receiver instanceof TemplateObject o) return o.field(name, args);
    if (receiver instanceof Map<?, ?> m) {
      if (!args.isEmpty()) throw new IllegalArgumentException(name + " is not a method but has arguments");
      Object v = m.get(name);
      return v == null && !m.containsKey(name) ? "" : v;
    }
    if (receiver == null) throw new IllegalArgumentException("nil pointer evaluating ." + name);
    if (receiver.getClass().isRecord()) {
      for (RecordComponent rc : receiver.getClass().getRecordComponents()) {
        if (rc.getName().equals(name) || rc.getName().equals(lowerFirst(name))) {
          if (!args.isEmpty()) throw new IllegalArgumentException(name + " is not a method but has arguments");
          try {
            Method m = rc.getAccessor();
            m.setAccessible(true);
            return m.invoke(receiver);
          } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("can't read ." + name + ": " + e.getMessage());
          }
        }
      }
    }
    throw new IllegalArgumentException(
        "can't evaluate field " + name + " in type " + receiver.getClass().getSimpleName());
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  static int compareKeys(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (isInt(x) && isInt(y)) return x.longValue() == y.longValue();
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof CharSequence x && b instanceof CharSequence y) return x.toString().equals(y.toString());
    if (a == null || b == null) return a == b;
    if (a.getClass() != b.getClass() && !(a instanceof Boolean && b instanceof Boolean)) {
      throw new IllegalArgumentException("incompatible types for comparison");
    }
    return Objects.equals(a, b);
  }

  static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (isInt(x) && isInt(y)) return Long.compare(x.longValue(), y.longValue());
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof CharSequence x && b instanceof CharSequence y) return x.toString().compareTo(y.toString());
    throw new IllegalArgumentException("incompatible types for comparison");
  }

  static boolean isInt(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  static int length(Object v) {
    if (v instanceof CharSequence s) return s.toString().getBytes(StandardCharsets.UTF_8).length;
    if (v instanceof Collection<?> c) return c.size();
    if (v instanceof Map<?, ?> m) return m.size();
    if (v instanceof Object[] a) return a.length;
    throw new IllegalArgumentException("len of " + (v == null ? "nil" : v.getClass().getSimpleName()));
  }

  static double toDouble(Object v) {
    if (v instanceof Number n) return n.doubleValue();
    if (v instanceof CharSequence s) {
      try {
        return Double.parseDouble(s.toString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("can't convert \"" + s + "\" to a number");
      }
    }
    throw new IllegalArgumentException("can't convert " + v + " to a number");
  }
}
