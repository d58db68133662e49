package io.pipelens.alerts.promql.conformance;

import io.pipelens.alerts.promql.SeriesNotation;
import java.util.ArrayList;
import java.util.List;

/**
 * Values of test files: {@link SeriesNotation} plus native histogram literals ({@code {{...}}}),
 * which are returned as {@link #HISTOGRAM} markers.
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
      } else {
        out.addAll(SeriesNotation.expand(tok));
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
    List<Double> v = SeriesNotation.expand(s);
    if (v.size() != 1 || v.get(0) == null) {
      throw new NumberFormatException(s);
    }
    return v.get(0);
  }
}
