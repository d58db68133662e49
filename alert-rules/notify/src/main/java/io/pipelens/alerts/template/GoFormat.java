package io.pipelens.alerts.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's fmt: how values print ({@code %v}) and a Printf subset (verbs v s d f e g q x X t c %). */
final class GoFormat {
  private GoFormat() {}

  static String print(Object v) {
    if (v == null) return "<no value>";
    return value(v);
  }

  static String value(Object v) {
    if (v == null) return "<nil>";
    if (v instanceof String s) return s;
    if (v instanceof Double d) return formatG(d, -1);
    if (v instanceof Float f) return formatG(f.doubleValue(), -1);
    if (v instanceof Collection<?> c) {
      StringBuilder sb = new StringBuilder("[");
      boolean first = true;
      for (Object o : c) {
        if (!first) sb.append(' ');
        first = false;
        sb.append(value(o));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("map[");
      Map<Object, Object> sorted = new TreeMap<>(Values::compareKeys);
      sorted.putAll(m);
      boolean first = true;
      for (Map.Entry<Object, Object> e : sorted.entrySet()) {
        if (!first) sb.append(' ');
        first = false;
        sb.append(value(e.getKey())).append(':').append(value(e.getValue()));
      }
      return sb.append(']').toString();
    }
    return v.toString();
  }

  /** fmt.Sprint: operands separated by a space when neither side is a string. */
  static String sprint(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (i > 0 && !(a instanceof String) && !(args.get(i - 1) instanceof String)) sb.append(' ');
      sb.append(value(a));
    }
    return sb.toString();
  }

  static String sprintln(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) sb.append(' ');
      sb.append(value(args.get(i)));
    }
    return sb.append('\n').toString();
  }

  static String sprintf(String format, List<Object> args) {
    StringBuilder sb = new StringBuilder();
    int argi = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      int start = i++;
      if (i >= format.length()) {
        sb.append("%!(NOVERB)");
        break;
      }
      StringBuilder flags = new StringBuilder();
      while (i < format.length() && "+-# 0".indexOf(format.charAt(i)) >= 0) flags.append(format.charAt(i++));
      int width = -1;
      int ws = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
      if (i > ws) width = Integer.parseInt(format.substring(ws, i));
      int prec = -1;
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        int ps = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) i++;
        prec = i > ps ? Integer.parseInt(format.substring(ps, i)) : 0;
      }
      if (i >= format.length()) {
        sb.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (argi >= args.size()) {
        sb.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      String body = verb(verb, flags.toString(), prec, args.get(argi++));
      sb.append(pad(body, width, flags.toString()));
      if (start < 0) break;
    }
    if (argi < args.size()) {
      sb.append("%!(EXTRA ");
      for (int k = argi; k < args.size(); k++) {
        if (k > argi) sb.append(", ");
        Object a = args.get(k);
        sb.append(typeName(a)).append('=').append(value(a));
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private static String typeName(Object a) {
    if (a instanceof String) return "string";
    if (a instanceof Long || a instanceof Integer) return "int";
    if (a instanceof Double) return "float64";
    if (a instanceof Boolean) return "bool";
    return a == null ? "<nil>" : a.getClass().getSimpleName();
  }

  private static String pad(String s, int width, String flags) {
    if (width < 0 || s.length() >= width) return s;
    String fill = " ".repeat(width - s.length());
    if (flags.contains("-")) return s + fill;
    if (flags.contains("0") && !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
      String zeros = "0".repeat(width - s.length());
      return s.startsWith("-") ? "-" + zeros + s.substring(1) : zeros + s;
    }
    return fill + s;
  }

  private static String verb(char verb, String flags, int prec, Object a) {
    boolean plus = flags.contains("+");
    switch (verb) {
      case 'v':
        return value(a);
      case 's':
        {
          String s = value(a);
          return prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
        }
      case 'q':
        return quote(value(a));
      case 't':
        return a instanceof Boolean ? a.toString() : bad(verb, a);
      case 'd':
        if (a instanceof Number n && Values.isInt(n)) return (plus && n.longValue() >= 0 ? "+" : "") + n.longValue();
        return bad(verb, a);
      case 'c':
        if (a instanceof Number n && Values.isInt(n)) return new String(Character.toChars(n.intValue()));
        return bad(verb, a);
      case 'x':
      case 'X':
        {
          String r;
          if (a instanceof Number n && Values.isInt(n)) {
            r = Long.toHexString(n.longValue());
          } else if (a instanceof String s) {
            StringBuilder sb = new StringBuilder();
            for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) sb.append(String.format("%02x", b));
            r = sb.toString();
          } else {
            return bad(verb, a);
          }
          return verb == 'X' ? r.toUpperCase() : r;
        }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G':
        {
          if (!(a instanceof Number n)) return bad(verb, a);
          double d = n.doubleValue();
          String r;
          if (Double.isNaN(d)) r = "NaN";
          else if (Double.isInfinite(d)) r = d > 0 ? "+Inf" : "-Inf";
          else if (verb == 'f' || verb == 'F') r = new BigDecimal(d).setScale(prec < 0 ? 6 : prec, RoundingMode.HALF_EVEN).toPlainString();
          else if (verb == 'e' || verb == 'E') r = formatE(d, prec < 0 ? 6 : prec);
          else r = formatG(d, prec);
          if (verb == 'E' || verb == 'G') r = r.toUpperCase();
          if (r.startsWith("-0") && d == 0) r = r.substring(1);
          return (plus && d >= 0 ? "+" : "") + r;
        }
      default:
        return bad(verb, a);
    }
  }

  private static String bad(char verb, Object a) {
    return "%!" + verb + "(" + typeName(a) + "=" + value(a) + ")";
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) sb.append(String.format("\\x%02x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's %e: mantissa with {@code prec} decimals and an exponent of at least two digits. */
  static String formatE(double d, int prec) {
    if (d == 0) return "0" + (prec > 0 ? "." + "0".repeat(prec) : "") + "e+00";
    BigDecimal bd = new BigDecimal(d).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
    int exp = bd.precision() - bd.scale() - 1;
    BigDecimal mant = bd.movePointLeft(exp).setScale(prec, RoundingMode.HALF_EVEN);
    return mant.toPlainString() + exponent(exp);
  }

  private static String exponent(int exp) {
    String e = String.valueOf(Math.abs(exp));
    if (e.length() < 2) e = "0" + e;
    return "e" + (exp < 0 ? "-" : "+") + e;
  }

  /** Go's %g (prec &lt; 0: shortest representation, as %v prints a float64). */
  static String formatG(double d, int prec) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
    if (d == 0) return (1 / d < 0) ? "-0" : "0";
    BigDecimal bd;
    int eprec;
    if (prec < 0) {
      bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
      eprec = 6;
    } else {
      if (prec == 0) prec = 1;
      bd = new BigDecimal(d).round(new MathContext(prec, RoundingMode.HALF_EVEN)).stripTrailingZeros();
      eprec = prec;
    }
    int digits = bd.precision();
    int exp = digits - bd.scale() - 1;
    if (prec >= 0 && eprec > digits && digits >= exp + 1) eprec = digits;
    if (prec < 0) eprec = 6;
    if (exp < -4 || exp >= eprec) {
      BigDecimal mant = bd.movePointLeft(exp).stripTrailingZeros();
      String m = mant.scale() <= 0 ? mant.setScale(0).toPlainString() : mant.toPlainString();
      return m + exponent(exp);
    }
    String r = bd.toPlainString();
    return r;
  }
}
