package io.pipelens.collector.retention;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.ingest.ThrottledWarn;
import io.pipelens.collector.store.StoreStats;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic store work off the event loop, on one worker thread: retention ({@link
 * TelemetryStore#applyRetention}) every {@code collector.retention.interval}, and the store size
 * and item-count gauges, refreshed every 15 s.
 */
public final class StoreMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);
  private static final long STATS_INTERVAL_MILLIS = 15_000;

  private final Vertx vertx;
  private final TelemetryStore store;
  private final CollectorConfig.Retention retention;
  private final Clock clock;
  private final WorkerExecutor worker;
  private final AtomicReference<StoreStats> stats = new AtomicReference<>(new StoreStats(0, 0, 0, 0));
  private final AtomicLong deleted = new AtomicLong();
  private final ThrottledWarn warn = new ThrottledWarn(LOG, 60_000, Clock.systemUTC());
  private long retentionTimer = -1;
  private long statsTimer = -1;

  public StoreMaintenance(Vertx vertx, TelemetryStore store, CollectorConfig.Retention retention,
      Clock clock, MeterRegistry registry) {
    this.vertx = vertx;
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.worker = vertx.createSharedWorkerExecutor("pipelens-maintenance", 1, 10, TimeUnit.MINUTES);
    Gauge.builder("pipelens.store.disk", stats, s -> s.get().diskBytes()).baseUnit("bytes")
        .description("Size of the store on disk").register(registry);
    Gauge.builder("pipelens.store.items", stats, s -> s.get().spans()).tag("signal", "traces")
        .description("Items held by the store").register(registry);
    Gauge.builder("pipelens.store.items", stats, s -> s.get().logs()).tag("signal", "logs")
        .description("Items held by the store").register(registry);
    Gauge.builder("pipelens.store.items", stats, s -> s.get().metricPoints()).tag("signal", "metrics")
        .description("Items held by the store").register(registry);
    Gauge.builder("pipelens.store.retention.deleted", deleted, AtomicLong::get)
        .description("Items deleted by retention since start").register(registry);
  }

  public void start() {
    refreshStats();
    statsTimer = vertx.setPeriodic(STATS_INTERVAL_MILLIS, id -> refreshStats());
    retentionTimer = vertx.setPeriodic(retention.interval().toMillis(), id -> applyRetention());
  }

  /** Runs retention once now; completes with the number of items deleted. */
  public Future<Long> applyRetention() {
    long olderThan = retention.maxAge().isZero()
        ? 0
        : TimeUnit.MILLISECONDS.toNanos(clock.millis()) - retention.maxAge().toNanos();
    return worker.executeBlocking(() -> store.applyRetention(olderThan, retention.maxDiskBytes()), false)
        .onSuccess(n -> {
          deleted.addAndGet(n);
          if (n > 0) {
            LOG.info("retention deleted {} items", n);
          }
        })
        .onFailure(err -> warn.warn("retention", "retention failed: " + err));
  }

  private void refreshStats() {
    worker.executeBlocking(store::stats, false)
        .onSuccess(stats::set)
        .onFailure(err -> warn.warn("stats", "reading store stats failed: " + err));
  }

  public void stop() {
    vertx.cancelTimer(statsTimer);
    vertx.cancelTimer(retentionTimer);
    worker.close();
  }
}
