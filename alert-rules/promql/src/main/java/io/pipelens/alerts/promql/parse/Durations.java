package io.pipelens.alerts.promql.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration strings ("1h30m", "5ms", "2y") to milliseconds and back. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");
  private static final String ORDER = "y w d h m s ms";

  private Durations() {}

  /**
   * Parses a duration; units must appear at most once and from largest to smallest, like
   * Prometheus's model.ParseDuration.
   *
   * @throws IllegalArgumentException naming the bad text
   */
  public static long parseMillis(String s) {
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    long total = 0;
    int lastUnit = -1;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
      }
      String unit = m.group(2);
      int idx = unitIndex(unit);
      if (idx <= lastUnit) {
        throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
      }
      lastUnit = idx;
      try {
        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), unitMillis(unit)));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
      }
      at = m.end();
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    return total;
  }

  private static int unitIndex(String unit) {
    return java.util.List.of(ORDER.split(" ")).indexOf(unit);
  }

  static long unitMillis(String unit) {
    return switch (unit) {
      case "y" -> 365L * 24 * 3600 * 1000;
      case "w" -> 7L * 24 * 3600 * 1000;
      case "d" -> 24L * 3600 * 1000;
      case "h" -> 3600L * 1000;
      case "m" -> 60L * 1000;
      case "s" -> 1000L;
      case "ms" -> 1L;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }

  /** Formats milliseconds as Prometheus does ("1h30m", "0s"). */
  public static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    for (String u : ORDER.split(" ")) {
      long um = unitMillis(u);
      if (ms >= um) {
        sb.append(ms / um).append(u);
        ms %= um;
      }
    }
    return sb.toString();
  }
}
