package io.pipelens.alerts.promql;

/** One float sample of a series: timestamp in milliseconds since the epoch and value. */
public record Point(long t, double v) {

  /**
   * The bit pattern Prometheus writes when a series disappears (value.StaleNaN). It is a NaN, so
   * compare with {@link #isStaleMarker(double)}, never with {@code ==}.
   */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

  public static boolean isStaleMarker(double v) {
    return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
  }

  public boolean isStale() {
    return isStaleMarker(v);
  }
}
