package io.pipelens.collector.query;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration query parameters such as {@code 1.2ms} or {@code 2s}, shared by the query dialects. */
public final class Durations {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ns|us|µs|μs|ms|s|m|h)");

  private Durations() {}

  /**
   * A duration with a unit ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m},
   * {@code h}; decimals allowed, as in Go's and Jaeger's {@code 1.5ms}) in nanoseconds, rounded
   * down. Throws {@link IllegalArgumentException} naming {@code parameter} for anything else.
   */
  public static long nanos(String parameter, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(parameter + ": expected a duration with a unit (ns, us, ms,"
          + " s, m, h) such as 1.5ms or 2s, got '" + text + "'");
    }
    long unit = switch (m.group(2)) {
      case "ns" -> 1L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 1_000L; // us, µs
    };
    try {
      return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).toBigInteger()
          .longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(parameter + ": duration '" + text + "' is too large");
    }
  }

  /** A whole number of microseconds (Zipkin's unit) in nanoseconds; names {@code parameter}. */
  public static long micros(String parameter, String text) {
    return Math.multiplyExact(wholeNumber(parameter, text, "microseconds"), 1_000L);
  }

  /** A non-negative whole number; {@link IllegalArgumentException} naming {@code parameter}. */
  public static long wholeNumber(String parameter, String text, String unit) {
    try {
      long v = Long.parseLong(text.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        parameter + ": expected a whole number of " + unit + ", got '" + text + "'");
  }
}
