package io.pipelens.drift.dataset;

import java.util.Locale;
import java.util.Set;

/**
 * Canonical text of values. Numbers used as categories print integral values without a decimal
 * point (1, 1.0 and "1" are one category); missing tokens are recognised case-insensitively.
 */
public final class CategoryKeys {
  /** Text that means "missing" in CSV files: empty, NA, N/A, NaN, null, None. */
  public static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none");

  private CategoryKeys() {}

  public static String of(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  public static boolean isMissing(String token) {
    return token == null || MISSING.contains(token.trim().toLowerCase(Locale.ROOT));
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Parses a finite number, or returns NaN if the token is not one. */
  public static double parseNumber(String token) {
    double fast = parseSimpleDecimal(token);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    String t = token.trim();
    if (t.isEmpty()) {
      return Double.NaN;
    }
    char c = t.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Fast path for plain decimals ([-+]digits[.digits], at most 15 significant digits): the
   * integer mantissa and the power of ten are exact doubles, so one division is correctly
   * rounded — the same value as Double.parseDouble. NaN when the token is not that simple.
   */
  static double parseSimpleDecimal(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (mantissa != 0 || c != '0') {
          digits++;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
      if (digits > 15 || fraction > 22) {
        return Double.NaN;
      }
    }
    boolean anyDigit = n > (negative || (n > 0 && s.charAt(0) == '+') ? 1 : 0) + (fraction >= 0 ? 1 : 0);
    if (!anyDigit) {
      return Double.NaN;
    }
    double v = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
    return negative ? -v : v;
  }
}
