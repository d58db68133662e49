package io.pipelens.collector.series;

/** What became of one appended sample; every value but ACCEPTED is a counted rejection reason. */
public enum AppendResult {
  ACCEPTED,
  /** A new series would exceed {@link SeriesStoreConfig#maxSeries()}. */
  SERIES_LIMIT,
  /** Older than the series' newest sample. */
  OUT_OF_ORDER,
  /** No or an invalid metric name, or an invalid label name. */
  INVALID;

  /** Reason label value for self-metrics, e.g. {@code series_limit}. */
  public String reason() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
