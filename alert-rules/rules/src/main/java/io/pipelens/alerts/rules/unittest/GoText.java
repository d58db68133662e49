package io.pipelens.alerts.rules.unittest;

import java.math.BigDecimal;
import java.util.Map;

/** Go's renderings that promtool's messages are made of: durations, floats, quoted strings, label sets. */
final class GoText {
  private GoText() {}

  /** Prometheus model.Duration.String(): "0s", "1d", "1w", "90d", "1h30m" (y and w only when exact). */
  static String modelDuration(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long[] mult = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    String[] unit = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < mult.length; i++) {
      if (i < 2 && ms % mult[i] != 0) {
        continue;
      }
      long v = ms / mult[i];
      if (v > 0) {
        sb.append(v).append(unit[i]);
        ms -= v * mult[i];
      }
    }
    return sb.toString();
  }

  /** Go time.Duration.String() for whole milliseconds: "0s", "1m0s", "2m59.999s", "1h0m0s". */
  static String goDuration(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    if (ms < 1000) {
      return sb.append(ms).append("ms").toString();
    }
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long s = ms / 1000 % 60;
    long frac = ms % 1000;
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    sb.append(s);
    if (frac > 0) {
      sb.append('.').append(String.format("%03d", frac).replaceAll("0+$", ""));
    }
    return sb.append('s').toString();
  }

  /** strconv.FormatFloat(v, 'E', -1, 64): "1E+00", "6E+01", "1.5E-03", "+Inf", "NaN". */
  static String floatE(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0E+00";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('E').append(exp < 0 ? '-' : '+');
    String e = Integer.toString(Math.abs(exp));
    return sb.append(e.length() < 2 ? "0" + e : e).toString();
  }

  /** strconv.Quote for the printable strings labels hold. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** labels.Labels.String(): {@code {a="b", c="d"}} in name order. */
  static String labels(Map<String, String> sorted) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append('=').append(quote(e.getValue()));
    }
    return sb.append('}').toString();
  }
}
