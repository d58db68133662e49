package io.pipelens.collector.drift;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import io.pipelens.drift.config.ModelDriftSettings;
import io.pipelens.drift.config.ReferenceSettings;
import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.retrain.RetrainGate;
import io.pipelens.drift.retrain.TriggerAuditLog;
import io.pipelens.drift.samples.SampleBatch;
import io.pipelens.drift.samples.SampleFormatException;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.WindowPolicy;
import io.pipelens.drift.window.WindowVerdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift monitoring inside the collector: one {@link DriftMonitor} per model version, fed by one
 * worker thread ("pipelens-drift") so event loops never compute statistics. Each model uses its
 * {@code collector.drift.models.<name>} settings (else the collector.drift.* defaults): the first
 * {@code reference.rows} rows of a version become its reference unless one is uploaded. Latest
 * verdicts are written into the collector's {@link SeriesStore} (pipelens_drift_* gauges); closed
 * windows go to the {@link RetrainCoordinator}. State (monitor, reference rows being collected,
 * counters) is saved per version under {@code DATA_DIR/drift} and restored at start.
 */
public final class DriftService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DriftService.class);
  static final int QUEUE = 1000;

  private final CollectorConfig.Drift config;
  private final ModelDriftSettings defaults;
  private final DriftStateFiles files;
  private final SeriesStore series;
  private final DriftGauges gauges;
  private final Clock clock;
  private final Map<String, VersionState> versions = new ConcurrentHashMap<>();
  private final RetrainCoordinator retrain;
  private final ThreadPoolExecutor worker;
  private final ScheduledExecutorService ticker;
  private final java.util.concurrent.atomic.AtomicLong rejectedLogSamples =
      new java.util.concurrent.atomic.AtomicLong();
  /** Recently accepted batch ids per model, so a re-sent batch is not counted twice (bounded). */
  private static final int RECENT_BATCH_IDS = 50_000;
  private final java.util.Map<String, Boolean> recentBatchIds =
      new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
          return size() > RECENT_BATCH_IDS;
        }
      };
  private final java.util.concurrent.atomic.AtomicLong resentBatches =
      new java.util.concurrent.atomic.AtomicLong();

  /** Restores saved monitors; throws naming the file when one is unreadable. */
  public DriftService(Path dataDir, CollectorConfig.Drift config, SeriesStore series, Clock clock) {
    this.config = config;
    this.defaults = new ModelDriftSettings(DriftConfig.DEFAULTS,
        WindowPolicy.byRows(config.windowRows(), 0, 1),
        new ReferenceSettings(ReferenceSettings.FIRST_ROWS, config.referenceRows()), null);
    this.files = new DriftStateFiles(dataDir.resolve("drift"));
    this.series = series;
    this.clock = clock;
    this.gauges = new DriftGauges(series, clock);
    restore();
    this.retrain = new RetrainCoordinator(new TriggerAuditLog(files.dir().resolve("triggers.jsonl")),
        series, clock, this::announce);
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "pipelens-drift");
          t.setDaemon(true);
          return t;
        });
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pipelens-drift-tick");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::queueTick, 1, 1, TimeUnit.SECONDS);
  }

  /** Where retraining trigger spans go: the collector's ingest path. */
  public void recordSpansWith(Consumer<SpanRecord> sink) {
    retrain.recordSpansWith(sink);
  }

  ModelDriftSettings settings(String model) {
    return config.models().getOrDefault(model, defaults);
  }

  /**
   * Checks the batch against its version's schema (the first batch's columns) on the caller's
   * thread, then queues it for the worker.
   *
   * @throws SampleFormatException naming a missing column
   * @throws RejectedExecutionException when the queue is full
   */
  public void submit(SampleBatch batch) {
    checkSchema(batch);
    String resendKey = batch.batchId() == null ? null : batch.model() + '\u0000' + batch.batchId();
    synchronized (recentBatchIds) {
      if (resendKey != null && recentBatchIds.put(resendKey, Boolean.TRUE) != null) {
        resentBatches.incrementAndGet();
        return; // a client re-sent a batch whose answer it did not see: counted once already
      }
    }
    try {
      execute(batch);
    } catch (RuntimeException e) {
      if (resendKey != null) {
        synchronized (recentBatchIds) {
          recentBatchIds.remove(resendKey);
        }
      }
      throw e;
    }
  }

  /** Batches dropped as re-sends of one already accepted (same model and batch_id). */
  public long resentBatches() {
    return resentBatches.get();
  }

  private void execute(SampleBatch batch) {
    worker.execute(() -> {
      try {
        accept(batch);
      } catch (RuntimeException e) {
        LOG.warn("drift batch of model {} version {} failed: {}", batch.model(), batch.version(),
            e.toString());
      }
    });
  }

  /**
   * The first batch of a version fixes its schema, here on the caller's thread, so a second
   * request is checked against it even before the worker processed the first.
   */
  private void checkSchema(SampleBatch batch) {
    VersionState known = versions.computeIfAbsent(key(batch.model(), batch.version()),
        k -> new VersionState(batch.model(), batch.version(), new ArrayList<>(batch.columns().keySet())));
    if (known.schema.isEmpty()) {
      known.schema = List.copyOf(batch.columns().keySet());
    }
    for (String name : known.schema) {
      if (!batch.columns().containsKey(name)) {
        throw new SampleFormatException("columns: missing column '" + name + "'; model '"
            + batch.model() + "' version '" + batch.version() + "' has columns " + known.schema);
      }
    }
  }

  /**
   * Called with every durable ingest batch on an event loop: its {@code pipelens.model.samples}
   * log records are decoded and fed to the monitors on the worker. Bad ones are counted in
   * {@link #rejectedLogSamples()} and logged at DEBUG (the log record itself is stored anyway).
   */
  public void storedLogs(TelemetryBatch batch) {
    for (LogRecordData r : batch.logs()) {
      if (!DriftLogSamples.isSampleEvent(r)) {
        continue;
      }
      try {
        worker.execute(() -> {
          try {
            SampleBatch b = DriftLogSamples.parse(r);
            checkSchema(b);
            accept(b);
          } catch (RuntimeException e) {
            rejectedLogSamples.incrementAndGet();
            LOG.debug("drift samples log record rejected: {}", e.getMessage());
          }
        });
      } catch (RejectedExecutionException e) {
        rejectedLogSamples.incrementAndGet();
        LOG.debug("drift queue full: samples log record dropped");
      }
    }
  }

  /** Sample log records that could not be used (malformed, schema mismatch, queue full). */
  public long rejectedLogSamples() {
    return rejectedLogSamples.get();
  }

  /** Replaces (or sets) a version's reference on the worker; fails with a message for the client. */
  public CompletableFuture<ReferenceProfile> uploadReference(String model, String version,
      Dataset data, String source) {
    return CompletableFuture.supplyAsync(() -> {
      if (data.rows() == 0 || data.columnNames().isEmpty()) {
        throw new IllegalArgumentException("reference has no rows");
      }
      ReferenceProfile ref = ReferenceProfile.of(data, List.of(), ProfileOptions.DEFAULTS, source);
      VersionState s = versions.computeIfAbsent(key(model, version),
          k -> new VersionState(model, version, data.columnNames()));
      if (s.schema.isEmpty()) {
        s.schema = List.copyOf(data.columnNames());
      }
      if (s.monitor == null) {
        s.monitor = newMonitor(model, ref);
        s.takePending();
      } else {
        s.monitor.replaceReference(ref);
      }
      s.retrainStreak = RetrainGate.Streak.NONE;
      s.dirty = true;
      return ref;
    }, worker);
  }

  /**
   * A new version of a model (announced by a retraining run or {@code POST /v1/drift/versions}):
   * its reference is collected afresh from its next samples, as the model's reference settings
   * say, even when the version was seen before. Runs on the worker.
   */
  public CompletableFuture<Void> announce(String model, String version, String by) {
    return CompletableFuture.runAsync(() -> {
      VersionState s = versions.compute(key(model, version), (k, old) -> {
        VersionState n = new VersionState(model, version, old == null ? List.of() : old.schema);
        if (old != null) {
          n.rows = old.rows;
          n.windows = old.windows;
        }
        return n;
      });
      s.announcedBy = by;
      s.dirty = true;
      LOG.info("drift: model {} version {} announced by {}; its reference is collected again: {}",
          model, version, by, settings(model).reference().describe());
    }, worker);
  }

  public Collection<VersionState> versions() {
    return versions.values();
  }

  public VersionState version(String model, String version) {
    return versions.get(key(model, version));
  }

  TriggerAuditLog audit() {
    return retrain.audit();
  }

  private void accept(SampleBatch batch) {
    VersionState s = versions.computeIfAbsent(key(batch.model(), batch.version()),
        k -> new VersionState(batch.model(), batch.version(), new ArrayList<>(batch.columns().keySet())));
    if (s.schema.isEmpty()) {
      s.schema = List.copyOf(batch.columns().keySet());
    }
    s.rows += batch.rows();
    s.dirty = true;
    int from = 0;
    if (s.monitor == null) {
      ReferenceSettings ref = settings(batch.model()).reference();
      String described;
      if (ref.timeWindow()) {
        long at = batch.timestampUnixNano() != null ? batch.timestampUnixNano()
            : clock.millis() * 1_000_000L;
        if (at < nanos(ref.from())) {
          return; // before the reference window: nothing to compare against yet
        }
        if (at < nanos(ref.to())) {
          s.addPending(batch.columns(), 0, Math.min(batch.rows(), ref.rows() - s.pendingRows));
          return;
        }
        if (s.pendingRows == 0) {
          LOG.warn("drift: model {} version {} has no rows in its reference window [{}, {}); "
              + "upload a reference or change collector.drift.models.{}.reference", batch.model(),
              batch.version(), ref.from(), ref.to(), batch.model());
          return;
        }
        described = "rows sampled in [" + ref.from() + ", " + ref.to() + ")";
      } else {
        int wanted = ref.rows();
        int take = Math.min(batch.rows(), wanted - s.pendingRows);
        s.addPending(batch.columns(), 0, take);
        from = take;
        if (s.pendingRows < wanted) {
          return;
        }
        described = "first " + wanted + " rows";
      }
      Dataset data = s.takePending();
      s.monitor = newMonitor(batch.model(), ReferenceProfile.of(data, List.of(),
          ProfileOptions.DEFAULTS, described));
      LOG.info("drift: model {} version {} monitored against its {} ({} rows)", batch.model(),
          batch.version(), described, data.rows());
      if (from == batch.rows()) {
        return;
      }
    }
    SampleBatch rest = from == 0 ? batch : slice(batch, from);
    for (WindowVerdict v : s.monitor.accept(rest)) {
      closed(s, v);
    }
  }

  private void closed(VersionState s, WindowVerdict v) {
    s.windows++;
    s.latest = v;
    s.dirty = true;
    if (v.report() != null) {
      gauges.publish(s, v.report());
    }
    retrain.observe(s, v, settings(s.model).retrain());
  }

  private void queueTick() {
    try {
      worker.execute(() -> {
        for (VersionState s : versions.values()) {
          DriftMonitor m = s.monitor;
          if (m != null) {
            m.tick().ifPresent(v -> closed(s, v));
          }
        }
      });
    } catch (RejectedExecutionException e) {
      // queue full or shutting down: the next tick closes the window
    } catch (RuntimeException e) {
      LOG.warn("drift tick failed: {}", e.toString());
    }
  }

  private DriftMonitor newMonitor(String model, ReferenceProfile ref) {
    ModelDriftSettings s = settings(model);
    return new DriftMonitor(model, ref, s.config(), s.window(), clock);
  }

  private static long nanos(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Rows [from, rows) of a batch (the rows past the reference). */
  private static SampleBatch slice(SampleBatch b, int from) {
    PendingRows tmp = new PendingRows();
    tmp.add(b.columns(), from, b.rows());
    Dataset d = tmp.toDataset(new ArrayList<>(b.columns().keySet()));
    Map<String, Column> cols = new LinkedHashMap<>();
    for (String name : d.columnNames()) {
      cols.put(name, d.column(name).orElseThrow());
    }
    return new SampleBatch(b.model(), b.version(), b.timestampUnixNano(), b.traceId(), cols,
        null, null, null, b.rows() - from);
  }

  /** Re-appends the latest verdicts and trigger counters so they stay on /metrics. */
  public void refreshSeries() {
    for (VersionState s : versions.values()) {
      WindowVerdict v = s.latest;
      if (v != null && v.report() != null) {
        gauges.publish(s, v.report());
      }
    }
    long now = clock.millis();
    retrain.publish((labels, value) -> series.append(labels, now, value));
  }

  /** Saves changed versions. Blocking I/O: call from a worker. */
  public void snapshot() {
    for (VersionState s : versions.values()) {
      if (!s.dirty) {
        continue;
      }
      s.dirty = false;
      try {
        files.save(snapshotOf(s));
      } catch (IOException | RuntimeException e) {
        s.dirty = true;
        LOG.warn("cannot save drift state of model {} version {}: {}", s.model, s.version, e.toString());
      }
    }
  }

  /**
   * The version's saved form. The pending rows are read on the worker (their only writer); from
   * another thread this waits for the worker, unless it is stopped.
   */
  private VersionSnapshot snapshotOf(VersionState s) {
    Map<String, List<Object>> pending;
    if (worker.isShutdown() || Thread.currentThread().getName().equals("pipelens-drift")) {
      pending = s.pending.toValues(s.schema);
    } else {
      pending = CompletableFuture.supplyAsync(() -> s.pending.toValues(s.schema), worker).join();
    }
    DriftMonitor m = s.monitor;
    return new VersionSnapshot(s.model, s.version, s.schema, s.rows, s.windows, s.retrainStreak,
        s.announcedBy, pending.values().stream().allMatch(List::isEmpty) ? null : pending,
        m == null ? null : m.snapshot());
  }

  private void restore() {
    for (VersionState s : files.restore(clock, this::settings)) {
      versions.put(key(s.model, s.version), s);
    }
  }

  private static String key(String model, String version) {
    return model + '\u0000' + version;
  }

  /** Finishes queued batches (up to 10 s), then saves state; lets running retraining finish. */
  @Override
  public void close() {
    ticker.shutdownNow();
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("drift batches still queued at shutdown were dropped");
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    retrain.close();
    snapshot();
  }
}
