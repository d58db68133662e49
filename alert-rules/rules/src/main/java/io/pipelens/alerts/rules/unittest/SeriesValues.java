package io.pipelens.alerts.rules.unittest;

import io.pipelens.alerts.promql.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expanding notation of promtool's {@code values}: {@code 1 2 3}, {@code 1+2x3} (1 3 5 7),
 * {@code 1-1x2}, {@code 5x3} (four 5s), {@code _} (no sample), {@code _x3} (three missing),
 * {@code stale} (a stale marker), {@code Inf}, {@code NaN}. Native histogram notation is not
 * supported.
 */
final class SeriesValues {
  private static final String NUM = "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[Ii]nf|NaN)";
  private static final Pattern EXPAND = Pattern.compile("(" + NUM + ")(?:([+-])(" + NUM.substring(5) + "))?x(\\d+)");
  private static final Pattern BLANKS = Pattern.compile("_x(\\d+)");

  private SeriesValues() {}

  /**
   * @return one entry per interval step: the value, or null where no sample is present
   * @throws IllegalArgumentException naming the bad item
   */
  static List<Double> parse(String text) {
    List<Double> out = new ArrayList<>();
    String t = text.trim();
    if (t.isEmpty()) {
      return out;
    }
    for (String item : t.split("\\s+")) {
      if (item.startsWith("{{")) {
        throw new IllegalArgumentException("native histogram values are not supported: " + item);
      }
      Matcher m;
      if (item.equals("_")) {
        out.add(null);
      } else if (item.equals("stale")) {
        out.add(Point.STALE_NAN);
      } else if ((m = BLANKS.matcher(item)).matches()) {
        for (long i = 0; i < count(m.group(1), item); i++) {
          out.add(null);
        }
      } else if ((m = EXPAND.matcher(item)).matches()) {
        double v = number(m.group(1));
        double step = m.group(2) == null ? 0 : number(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
        long n = count(m.group(4), item);
        for (long i = 0; i <= n; i++) {
          out.add(v);
          v += step;
        }
      } else {
        try {
          out.add(number(item));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid value \"" + item + "\" in series values \"" + text + "\"");
        }
      }
    }
    return out;
  }

  private static long count(String s, String item) {
    long n = Long.parseLong(s);
    if (n > 1_000_000) {
      throw new IllegalArgumentException("too many repetitions in \"" + item + "\" (at most 1000000)");
    }
    return n;
  }

  private static double number(String s) {
    String u = s.startsWith("+") ? s.substring(1) : s;
    return switch (u.toLowerCase(java.util.Locale.ROOT)) {
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.parseDouble(u);
    };
  }
}
