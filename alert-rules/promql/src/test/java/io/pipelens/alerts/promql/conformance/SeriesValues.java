package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * The expanding notation of test files: {@code 1 2+3x4 _ _x3 stale 5x2}. Omitted points ({@code _})
 * are null. Native histogram literals ({@code {{...}}}) are returned as {@link #HISTOGRAM}.
 */
final class SeriesValues {
  /** Marker for a native histogram sample, which this engine does not support. */
  static final Double HISTOGRAM = Double.longBitsToDouble(0x7ff0000000000badL);

  private SeriesValues() {}

  static boolean isHistogram(Double v) {
    return v != null && Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(HISTOGRAM);
  }

  static List<Double> expand(String text) {
    List<Double> out = new ArrayList<>();
    for (String tok : tokens(text)) {
      if (tok.contains("{{")) {
        int x = tok.lastIndexOf("}}x");
        int n = x >= 0 ? Integer.parseInt(tok.substring(x + 3)) + 1 : 1;
        for (int i = 0; i < n; i++) {
          out.add(HISTOGRAM);
        }
        continue;
      }
      int x = tok.indexOf('x');
      if (tok.startsWith("_")) {
        int n = x > 0 ? Integer.parseInt(tok.substring(x + 1)) : 1;
        for (int i = 0; i < n; i++) {
          out.add(null);
        }
        continue;
      }
      if (x < 0) {
        out.add(number(tok));
        continue;
      }
      String head = tok.substring(0, x);
      int times = Integer.parseInt(tok.substring(x + 1));
      int sign = Math.max(head.lastIndexOf('+'), head.lastIndexOf('-'));
      while (sign > 0 && (head.charAt(sign - 1) == 'e' || head.charAt(sign - 1) == 'E')) {
        int prev = Math.max(head.lastIndexOf('+', sign - 1), head.lastIndexOf('-', sign - 1));
        sign = prev;
      }
      double start;
      double inc;
      if (sign > 0) {
        start = number(head.substring(0, sign));
        inc = number(head.substring(sign));
      } else {
        start = number(head);
        inc = 0;
      }
      double v = start;
      out.add(v);
      for (int i = 1; i <= times; i++) {
        v += inc;
        out.add(v);
      }
    }
    return out;
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        if (text.startsWith("{{", i)) {
          i = text.indexOf("}}", i) + 2;
        } else {
          i++;
        }
      }
      out.add(text.substring(start, i));
    }
    return out;
  }

  static double number(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "stale" -> Point.STALE_NAN;
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan", "+nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
