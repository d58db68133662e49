package io.pipelens.collector.prom;

import io.pipelens.collector.series.Labels;
import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.series.SeriesStoreConfig;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A history of the collector's own meters (ingest, store, alerting: the Micrometer registry behind
 * {@code /metrics}) so that {@code rate()} over them works in the Prometheus query API without an
 * external Prometheus. {@link #record} appends every sample of one scrape at one timestamp. Kept in
 * its own {@link SeriesStore}: the derived series store is not written to. Thread-safe.
 */
public final class SelfMetricsHistory {
  private final SeriesStore store;
  private final AtomicLong skippedLines = new AtomicLong();

  /** @param lookbackMs how long samples are kept (the derived series' lookback) */
  public SelfMetricsHistory(long lookbackMs) {
    this.store = new SeriesStore(SeriesStoreConfig.defaults().withMaxSeries(20_000).withLookbackMs(lookbackMs));
  }

  /** Appends a scrape of the registry (Prometheus text) taken at {@code nowMs}, and drops expired samples. */
  public void record(String exposition, long nowMs) {
    ExpositionParser.Page page = ExpositionParser.parse(exposition);
    for (MetricMetadata m : page.metadata()) {
      store.describe(m);
    }
    for (ExpositionParser.Line l : page.samples()) {
      store.append(Labels.of(l.labels()), nowMs, l.value());
    }
    skippedLines.addAndGet(page.skipped());
    store.purge(nowMs);
  }

  public SeriesStore store() {
    return store;
  }

  /** Exposition lines that could not be read (a bug in the writer or here). */
  public long skippedLines() {
    return skippedLines.get();
  }
}
