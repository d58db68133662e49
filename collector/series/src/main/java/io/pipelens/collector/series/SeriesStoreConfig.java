package io.pipelens.collector.series;

/**
 * Bounds of a {@link SeriesStore}. Defaults: 100,000 series, 1 h lookback, 1,000 samples per
 * series (a 15 s collection interval fills 240 in an hour).
 */
public record SeriesStoreConfig(int maxSeries, long lookbackMs, int maxSamplesPerSeries) {

  public SeriesStoreConfig {
    if (maxSeries <= 0) {
      throw new IllegalArgumentException("series.maxSeries must be > 0, was " + maxSeries);
    }
    if (lookbackMs <= 0) {
      throw new IllegalArgumentException("series.lookbackMs must be > 0, was " + lookbackMs);
    }
    if (maxSamplesPerSeries <= 0) {
      throw new IllegalArgumentException("series.maxSamplesPerSeries must be > 0, was " + maxSamplesPerSeries);
    }
  }

  public static SeriesStoreConfig defaults() {
    return new SeriesStoreConfig(100_000, 3_600_000L, 1_000);
  }

  public SeriesStoreConfig withMaxSeries(int n) {
    return new SeriesStoreConfig(n, lookbackMs, maxSamplesPerSeries);
  }

  public SeriesStoreConfig withLookbackMs(long ms) {
    return new SeriesStoreConfig(maxSeries, ms, maxSamplesPerSeries);
  }
}
