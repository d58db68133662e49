package io.pipelens.drift.window;

/**
 * When windows close and when a verdict counts.
 *
 * @param rows close a window after this many rows (0 = not by rows)
 * @param durationMillis tumbling time windows of this length, aligned to the Unix epoch (0 = not
 *     by time); with both set a window closes at whichever comes first
 * @param minRows windows with fewer rows get no verdict ("insufficient") and leave the
 *     confirmation streak unchanged — the guard against tiny windows alarming on noise
 * @param confirmations alarm only after this many consecutive drifted windows (1 = immediately)
 */
public record WindowPolicy(long rows, long durationMillis, long minRows, int confirmations) {
  public WindowPolicy {
    if (rows < 0 || durationMillis < 0 || (rows == 0 && durationMillis == 0)) {
      throw new IllegalArgumentException("window policy needs rows > 0 and/or durationMillis > 0");
    }
    if (minRows < 0 || confirmations < 1) {
      throw new IllegalArgumentException("minRows must be >= 0 and confirmations >= 1");
    }
  }

  public static WindowPolicy byRows(long rows, long minRows, int confirmations) {
    return new WindowPolicy(rows, 0, minRows, confirmations);
  }

  public static WindowPolicy byTime(long durationMillis, long minRows, int confirmations) {
    return new WindowPolicy(0, durationMillis, minRows, confirmations);
  }
}
