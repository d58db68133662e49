package io.pipelens.drift.config;

import java.time.Instant;

/**
 * How a model version gets its reference; an upload (PUT .../reference) replaces it any time, and a
 * new version announced by a retraining run starts collecting again.
 * <ul>
 *   <li>{@code first_rows}: the version's first {@code rows} sample rows;
 *   <li>{@code time_window}: the rows whose sample time (the batch's {@code timestamp_unix_nano},
 *       else its arrival) lies in [{@code from}, {@code to}), at most {@code rows} of them. Rows
 *       before the window are counted but not compared (there is no reference yet); the first
 *       batch at or after {@code to} fixes the reference and is the first one compared.
 * </ul>
 */
public record ReferenceSettings(String mode, int rows, Instant from, Instant to) {
  public static final String FIRST_ROWS = "first_rows";
  public static final String TIME_WINDOW = "time_window";
  public static final ReferenceSettings DEFAULT = new ReferenceSettings(FIRST_ROWS, 1000);

  public ReferenceSettings {
    if (rows < 1) {
      throw new IllegalArgumentException("reference rows must be >= 1, got " + rows);
    }
    if (FIRST_ROWS.equals(mode)) {
      if (from != null || to != null) {
        throw new IllegalArgumentException("reference mode first_rows takes no from/to");
      }
    } else if (TIME_WINDOW.equals(mode)) {
      if (from == null || to == null || !from.isBefore(to)) {
        throw new IllegalArgumentException("reference mode time_window needs from before to");
      }
    } else {
      throw new IllegalArgumentException("reference mode must be first_rows or time_window, got " + mode);
    }
  }

  /** The first {@code rows} rows of a version. */
  public ReferenceSettings(String mode, int rows) {
    this(mode, rows, null, null);
  }

  public boolean timeWindow() {
    return TIME_WINDOW.equals(mode);
  }

  /** What the reference is, for logs and the API. */
  public String describe() {
    return timeWindow() ? "rows sampled in [" + from + ", " + to + ") (at most " + rows + ")"
        : "first " + rows + " rows";
  }
}
