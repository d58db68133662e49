package io.pipelens.alerts.template;

import java.time.Instant;
import java.util.List;

/** Prometheus' humanize* template functions, byte-for-byte like Prometheus prints them. */
final class Humanize {
  private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
  private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
  private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

  private Humanize() {}

  private static String g4(double v) {
    return GoFormat.formatG(v, 4);
  }

  static String humanize(Object arg) {
    double v = Values.toDouble(arg);
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return g4(v);
    String prefix = "";
    if (Math.abs(v) >= 1) {
      for (String p : BIG) {
        if (Math.abs(v) < 1000) break;
        prefix = p;
        v /= 1000;
      }
      return g4(v) + prefix;
    }
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix;
  }

  static String humanize1024(Object arg) {
    double v = Values.toDouble(arg);
    if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) return g4(v);
    String prefix = "";
    for (String p : BINARY) {
      if (Math.abs(v) < 1024) break;
      prefix = p;
      v /= 1024;
    }
    return g4(v) + prefix;
  }

  static String duration(Object arg) {
    double v = Values.toDouble(arg);
    if (Double.isNaN(v) || Double.isInfinite(v)) return g4(v);
    if (v == 0) return g4(v) + "s";
    if (Math.abs(v) >= 1) {
      String sign = "";
      if (v < 0) {
        sign = "-";
        v = -v;
      }
      long d = (long) v;
      long seconds = d % 60;
      long minutes = (d / 60) % 60;
      long hours = (d / 60 / 60) % 24;
      long days = d / 60 / 60 / 24;
      if (days != 0) return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
      if (hours != 0) return sign + hours + "h " + minutes + "m " + seconds + "s";
      if (minutes != 0) return sign + minutes + "m " + seconds + "s";
      return sign + g4(v) + "s";
    }
    String prefix = "";
    for (String p : SMALL) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
    return g4(v) + prefix + "s";
  }

  static String percentage(Object arg) {
    return g4(Values.toDouble(arg) * 100) + "%";
  }

  static String timestamp(Object arg) {
    if (arg instanceof GoTime t) return t.toString();
    double v = Values.toDouble(arg);
    if (Double.isNaN(v) || Double.isInfinite(v)) return g4(v);
    if (Math.abs(v * 1e9) >= 0x1p63) {
      throw new IllegalArgumentException(GoFormat.formatG(v, -1) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
    }
    long millis = (long) (v * 1e9) / 1_000_000; // Prometheus goes through model.Time: millisecond precision
    return GoTime.of(Instant.ofEpochMilli(millis)).toString();
  }

  static Object single(List<Object> args, String fn) {
    if (args.size() != 1) throw new IllegalArgumentException(fn + " takes one argument, got " + args.size());
    return args.get(0);
  }
}
