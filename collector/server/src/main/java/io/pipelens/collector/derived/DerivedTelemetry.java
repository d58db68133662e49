package io.pipelens.collector.derived;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.errors.ErrorExtractor;
import io.pipelens.collector.errors.ErrorGroupStore;
import io.pipelens.collector.errors.ErrorOccurrence;
import io.pipelens.collector.errors.ErrorStoreLimits;
import io.pipelens.collector.errors.InAppRules;
import io.pipelens.collector.errors.SnapshottingErrorGroupStore;
import io.pipelens.collector.series.AppendResult;
import io.pipelens.collector.series.OtlpMetricIngester;
import io.pipelens.collector.series.PrometheusTextWriter;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.series.SeriesStoreConfig;
import io.pipelens.collector.series.SpanMetrics;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the collector derives from telemetry once it is durably stored: error groups ({@link
 * ErrorExtractor} into a {@link SnapshottingErrorGroupStore} at {@code DATA_DIR/errors.json}),
 * span RED metrics and error counters ({@link SpanMetrics}), re-exposed OTLP metrics ({@link
 * OtlpMetricIngester}) in one {@link SeriesStore}, and the since-start {@link ServiceIndex}.
 *
 * <p>Threading: {@link #stored} only enqueues the batch; one daemon thread ("pipelens-derive")
 * does the stack parsing and counting, so neither event loops nor the store writer wait for it.
 * When its queue is full ({@value #QUEUE_BATCHES} batches or {@value #QUEUE_BYTES} encoded bytes,
 * which bounds the memory it pins) the batch is skipped for derivation (it is still stored) and
 * counted in {@code pipelens_derive_batches_dropped_total}.
 */
public final class DerivedTelemetry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DerivedTelemetry.class);
  static final int QUEUE_BATCHES = 10_000;
  static final long QUEUE_BYTES = 64L * 1024 * 1024;
  /** Series not updated for this long are left out of /metrics (a stopped pipeline disappears). */
  static final long STALE_MS = Duration.ofMinutes(5).toMillis();

  private final Clock clock;
  private final ErrorExtractor extractor;
  private final SnapshottingErrorGroupStore errors;
  private final SpanMetrics spanMetrics;
  private final SeriesStore series;
  private final OtlpMetricIngester otlpMetrics;
  private final ServiceIndex services = new ServiceIndex(10_000, 10_000);
  private final PrometheusTextWriter text = new PrometheusTextWriter(false);
  private final ThreadPoolExecutor worker;
  private final AtomicLong droppedBatches = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final AtomicLong queuedBytes = new AtomicLong();

  /** Loads the error group snapshot; throws naming the file when it is unreadable. */
  public DerivedTelemetry(Path dataDir, CollectorConfig.Derived config, Clock clock) {
    this.clock = clock;
    this.extractor = new ErrorExtractor(clock, InAppRules.defaults());
    try {
      java.nio.file.Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e, e);
    }
    this.errors = new SnapshottingErrorGroupStore(dataDir.resolve("errors.json"),
        ErrorStoreLimits.defaults().withMaxGroups(config.maxErrorGroups()));
    this.spanMetrics = new SpanMetrics(config.maxSpanKeys());
    this.series = new SeriesStore(SeriesStoreConfig.defaults().withMaxSeries(config.maxSeries())
        .withLookbackMs(config.lookback().toMillis()));
    this.otlpMetrics = new OtlpMetricIngester(series);
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_BATCHES), r -> {
          Thread t = new Thread(r, "pipelens-derive");
          t.setDaemon(true);
          return t;
        });
  }

  /** Self-metrics: series store size and rejections, dropped OTLP points, skipped batches. */
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("pipelens.series", series, SeriesStore::seriesCount)
        .description("Series held in memory (span metrics, error counters, OTLP metrics)")
        .register(registry);
    Gauge.builder("pipelens.series.limit", series, s -> s.config().maxSeries())
        .description("collector.series.max-series").register(registry);
    for (AppendResult r : AppendResult.values()) {
      if (r != AppendResult.ACCEPTED) {
        FunctionCounter.builder("pipelens.series.samples.rejected", series,
                s -> s.rejections().getOrDefault(r, 0L))
            .tag("reason", r.reason())
            .description("Samples refused by the series store").register(registry);
      }
    }
    FunctionCounter.builder("pipelens.span.metrics.dropped", spanMetrics, SpanMetrics::droppedKeys)
        .description("Spans/errors not counted: collector.series.max-span-keys label sets reached")
        .register(registry);
    FunctionCounter.builder("pipelens.derive.batches.dropped", droppedBatches, AtomicLong::get)
        .description("Stored batches skipped by error/metric derivation because its queue was full")
        .register(registry);
    FunctionCounter.builder("pipelens.derive.batches.failed", failedBatches, AtomicLong::get)
        .description("Stored batches whose derivation failed").register(registry);
    Gauge.builder("pipelens.errors.groups", errors, e -> e.stats().groups())
        .description("Error groups held").register(registry);
    FunctionCounter.builder("pipelens.errors.groups.evicted", errors, e -> e.stats().groupsEvicted())
        .description("Error groups evicted at collector.errors.max-groups").register(registry);
  }

  /** Registers OTLP drop reasons seen so far as counters (reasons appear lazily). */
  public void refreshDropCounters(MeterRegistry registry) {
    for (String reason : otlpMetrics.dropped().keySet()) {
      FunctionCounter.builder("pipelens.otlp.metric.points.dropped", otlpMetrics,
              m -> m.dropped().getOrDefault(reason, 0L))
          .tag("reason", reason)
          .description("OTLP metric points not re-exposed on /metrics").register(registry);
    }
  }

  /** Called once a batch is durable; never blocks, never throws. */
  public void stored(TelemetryBatch batch) {
    long bytes = Math.max(0, batch.encodedBytes());
    long total = queuedBytes.addAndGet(bytes);
    if (total > QUEUE_BYTES && total != bytes) { // one oversized batch alone still passes
      queuedBytes.addAndGet(-bytes);
      droppedBatches.incrementAndGet();
      return;
    }
    try {
      worker.execute(() -> {
        try {
          derive(batch);
        } finally {
          queuedBytes.addAndGet(-bytes);
        }
      });
    } catch (RejectedExecutionException e) {
      queuedBytes.addAndGet(-bytes);
      droppedBatches.incrementAndGet();
    }
  }

  private void derive(TelemetryBatch batch) {
    try {
      for (SpanRecord span : batch.spans()) {
        spanMetrics.record(span);
        services.record(span);
      }
      for (ErrorOccurrence o : extractor.extract(batch)) {
        errors.record(o);
        spanMetrics.recordError(o.fingerprint(), o.serviceName(), o.language().sdkName(), o.type());
      }
      if (!batch.metrics().isEmpty()) {
        otlpMetrics.ingest(batch.metrics());
      }
    } catch (RuntimeException e) {
      failedBatches.incrementAndGet();
      LOG.debug("deriving errors/metrics from a stored batch failed", e);
    }
  }

  /**
   * Samples span metrics into the series store and drops expired samples. Cheap; any thread
   * (serialised, so a scrape and the periodic collection never append out of order).
   */
  public synchronized void collect() {
    long now = clock.millis();
    spanMetrics.collect(series, now);
    series.purge(now);
  }

  /** The derived series in Prometheus text format 0.0.4 (recent ones only), freshly collected. */
  public String prometheusText() {
    collect();
    StringBuilder out = new StringBuilder();
    text.write(series, out, clock.millis() - STALE_MS);
    return out.toString();
  }

  /** Writes the error group snapshot file. Blocking I/O: call from a worker. */
  public void snapshot() {
    errors.snapshot();
  }

  public ErrorGroupStore errors() {
    return errors;
  }

  public ServiceIndex services() {
    return services;
  }

  public SeriesStore series() {
    return series;
  }

  /** Finishes queued derivation (up to 10 s), then writes a last error snapshot. Blocking. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("error/metric derivation did not finish within 10 s at shutdown; {} batches skipped",
            worker.shutdownNow().size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    errors.close();
  }
}
