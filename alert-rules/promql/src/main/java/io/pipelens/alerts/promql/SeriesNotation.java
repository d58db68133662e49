package io.pipelens.alerts.promql;

import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.parse.PromqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The series notation of promtool unit tests and PromQL test scripts: {@code
 * http_requests_total{job="api"}} with values in expanding notation such as {@code 0+10x5 _x2
 * stale 3x2}.
 */
public final class SeriesNotation {
  private SeriesNotation() {}

  /**
   * Expands values: {@code a+bxn} and {@code a-bxn} give n+1 values, {@code axn} repeats a n+1
   * times, {@code _} is a missing sample (null), {@code _xn} n missing samples, {@code stale} a
   * stale marker ({@link Point#STALE_NAN}). Native histogram literals ({@code {{...}}}) are not
   * supported.
   *
   * @throws IllegalArgumentException naming the token that is not valid
   */
  public static List<Double> expand(String values) {
    List<Double> out = new ArrayList<>();
    for (String tok : values.trim().split("\\s+")) {
      if (!tok.isEmpty()) {
        expandToken(tok, out);
      }
    }
    return out;
  }

  /** Labels of a series description such as {@code up{job="api"}}; only {@code =} matchers are allowed. */
  public static Labels labels(String series) {
    VectorSelector vs = PromqlParser.parseSelector(series.trim());
    TreeMap<String, String> m = new TreeMap<>();
    for (LabelMatcher lm : vs.matchers()) {
      if (lm.type() != LabelMatcher.Type.EQ) {
        throw new IllegalArgumentException("series " + series + " may only use = matchers, found " + lm);
      }
      m.put(lm.name(), lm.value());
    }
    return Labels.fromMap(m);
  }

  private static void expandToken(String tok, List<Double> out) {
    if (tok.contains("{{")) {
      throw new IllegalArgumentException("native histogram samples are not supported: " + tok);
    }
    int x = tok.indexOf('x');
    try {
      if (tok.startsWith("_")) {
        int n = x > 0 ? Integer.parseInt(tok.substring(x + 1)) : 1;
        if (x < 0 && tok.length() > 1) {
          throw new IllegalArgumentException("bad value " + tok);
        }
        for (int i = 0; i < n; i++) {
          out.add(null);
        }
        return;
      }
      if (x < 0) {
        out.add(number(tok));
        return;
      }
      String head = tok.substring(0, x);
      int times = Integer.parseInt(tok.substring(x + 1));
      int sign = Math.max(head.lastIndexOf('+'), head.lastIndexOf('-'));
      while (sign > 0 && (head.charAt(sign - 1) == 'e' || head.charAt(sign - 1) == 'E')) {
        sign = Math.max(head.lastIndexOf('+', sign - 1), head.lastIndexOf('-', sign - 1));
      }
      double v = number(sign > 0 ? head.substring(0, sign) : head);
      double inc = sign > 0 ? number(head.substring(sign)) : 0;
      out.add(v);
      for (int i = 1; i <= times; i++) {
        v += inc; // accumulated like upstream, so float rounding matches
        out.add(v);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value in series notation: \"" + tok + "\"", e);
    }
  }

  private static double number(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "stale" -> Point.STALE_NAN;
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan", "+nan", "-nan" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
