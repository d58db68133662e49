package io.pipelens.alerts.promql.eval;

import java.math.BigDecimal;

/** Number formatting as Go's strconv.FormatFloat(f, 'f', -1, 64) and Prometheus messages. */
public final class Formats {
  private Formats() {}

  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
