package io.pipelens.alerts.template;

/** Go literal syntax: quoted strings, characters and numbers. */
final class Literals {
  private Literals() {}

  static String unquote(String q) {
    if (q.startsWith("`")) return q.substring(1, q.length() - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < q.length() - 1; i++) {
      char c = q.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = q.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'v' -> sb.append('\u000b');
        case '\\', '"', '\'' -> sb.append(e);
        case 'x' -> {
          sb.append((char) Integer.parseInt(q.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          sb.appendCodePoint(Integer.parseInt(q.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          sb.appendCodePoint(Integer.parseInt(q.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> throw new IllegalArgumentException("invalid escape \\" + e + " in " + q);
      }
    }
    return sb.toString();
  }

  static int unquoteChar(String q) {
    String s = unquote("\"" + q.substring(1, q.length() - 1) + "\"");
    return s.codePointAt(0);
  }

  /** Integers become Long, everything else Double. */
  static Object parseNumber(String text) {
    String t = text.replace("_", "");
    boolean neg = t.startsWith("-");
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    long sign = neg ? -1 : 1;
    String lower = body.toLowerCase();
    if (lower.startsWith("0x")) return sign * Long.parseLong(body.substring(2), 16);
    if (lower.startsWith("0b")) return sign * Long.parseLong(body.substring(2), 2);
    if (lower.startsWith("0o")) return sign * Long.parseLong(body.substring(2), 8);
    if (lower.matches("[0-9]+")) {
      if (body.length() > 1 && body.startsWith("0")) return sign * Long.parseLong(body, 8);
      return sign * Long.parseLong(body);
    }
    if (!lower.matches("[0-9]*\\.?[0-9]*(e[+-]?[0-9]+)?") || lower.equals(".")) {
      throw new NumberFormatException(text);
    }
    return Double.parseDouble(t);
  }
}
