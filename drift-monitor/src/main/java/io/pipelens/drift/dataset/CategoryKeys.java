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

  /** Parses a finite number, or returns NaN if the token is not one. */
  public static double parseNumber(String token) {
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
}
