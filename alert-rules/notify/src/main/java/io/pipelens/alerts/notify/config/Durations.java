package io.pipelens.alerts.notify.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations: {@code 1y2w3d4h5m6s7ms} (units in that order, each optional), or {@code 0}. */
public final class Durations {
  private static final Pattern UNIT = Pattern.compile("([0-9]+)(ms|y|w|d|h|m|s)");
  private static final String ORDER = "y w d h m s ms";

  private Durations() {}

  public static Duration parse(String s) {
    if (s == null || s.isEmpty()) throw new IllegalArgumentException("empty duration string");
    if (s.equals("0")) return Duration.ZERO;
    Matcher m = UNIT.matcher(s);
    int pos = 0;
    int lastUnit = -1;
    Duration d = Duration.ZERO;
    while (m.find()) {
      if (m.start() != pos) throw bad(s);
      String[] units = ORDER.split(" ");
      int idx = java.util.Arrays.asList(units).indexOf(m.group(2));
      if (idx <= lastUnit) throw bad(s);
      lastUnit = idx;
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "y" -> Duration.ofDays(365 * n);
        case "w" -> Duration.ofDays(7 * n);
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMillis(n);
      });
      pos = m.end();
    }
    if (pos != s.length() || lastUnit < 0) throw bad(s);
    return d;
  }

  /** Prints like Prometheus: 1h30m, 5m, 30s, 0s. */
  public static String format(Duration d) {
    if (d.isZero()) return "0s";
    long ms = d.toMillis();
    StringBuilder sb = new StringBuilder();
    long[] sizes = {365L * 86400000, 7L * 86400000, 86400000, 3600000, 60000, 1000, 1};
    String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        sb.append(ms / sizes[i]).append(names[i]);
        ms %= sizes[i];
      }
    }
    return sb.toString();
  }

  private static IllegalArgumentException bad(String s) {
    return new IllegalArgumentException("not a valid duration string: \"" + s + "\" (expected e.g. 30s, 5m, 1h30m, 1d)");
  }
}
