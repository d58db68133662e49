package io.pipelens.alerts.promql.parse;

/** Number literal syntax: decimal, scientific, hexadecimal, Inf and NaN. */
final class Numbers {
  private Numbers() {}

  static double parse(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("0x")) {
      return new java.math.BigInteger(t.substring(2), 16).doubleValue();
    }
    if (t.equals("inf") || t.equals("+inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.equals("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (t.equals("nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(text);
  }
}
