package io.pipelens.collector.drift;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.series.Labels;
import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.MetricType;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.report.DriftReport;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.samples.SampleBatch;
import io.pipelens.drift.samples.SampleFormatException;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.MonitorStateCodec;
import io.pipelens.drift.window.WindowPolicy;
import io.pipelens.drift.window.WindowVerdict;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift monitoring inside the collector: one {@link DriftMonitor} per model version, fed by one
 * worker thread ("pipelens-drift") so event loops never compute statistics. The first
 * {@code referenceRows} rows of a version become its reference unless one is uploaded. Latest
 * verdicts are written into the collector's {@link SeriesStore} (pipelens_drift_* gauges).
 * Monitor state is saved as {@code DATA_DIR/drift/<model>@<version>.json} with {@link
 * MonitorStateCodec} and restored at start.
 */
public final class DriftService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DriftService.class);
  static final int QUEUE = 1000;
  static final String SCORE = "pipelens_drift_score";
  static final String THRESHOLD = "pipelens_drift_threshold";
  static final String DETECTED = "pipelens_drift_detected";
  static final String SHARE = "pipelens_drift_dataset_share";

  private final CollectorConfig.Drift config;
  private final Path dir;
  private final SeriesStore series;
  private final Clock clock;
  private final Map<String, VersionState> versions = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor worker;

  /** Restores saved monitors; throws naming the file when one is unreadable. */
  public DriftService(Path dataDir, CollectorConfig.Drift config, SeriesStore series, Clock clock) {
    this.config = config;
    this.dir = dataDir.resolve("drift");
    this.series = series;
    this.clock = clock;
    series.describe(new MetricMetadata(SCORE, MetricType.GAUGE,
        "Latest drift statistic of a feature: p-value (tests) or distance.", ""));
    series.describe(new MetricMetadata(THRESHOLD, MetricType.GAUGE,
        "Threshold of the feature's drift method.", ""));
    series.describe(new MetricMetadata(DETECTED, MetricType.GAUGE,
        "1 when the latest window of the feature drifted, else 0.", ""));
    series.describe(new MetricMetadata(SHARE, MetricType.GAUGE,
        "Share of drifted features in the latest window (0-1).", ""));
    restore();
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "pipelens-drift");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Checks the batch against its version's schema (the first batch's columns) on the caller's
   * thread, then queues it for the worker.
   *
   * @throws SampleFormatException naming a missing column
   * @throws RejectedExecutionException when the queue is full
   */
  public void submit(SampleBatch batch) {
    VersionState known = versions.get(key(batch.model(), batch.version()));
    if (known != null) {
      for (String name : known.schema) {
        if (!batch.columns().containsKey(name)) {
          throw new SampleFormatException("columns: missing column '" + name + "'; model '"
              + batch.model() + "' version '" + batch.version() + "' has columns " + known.schema);
        }
      }
    }
    worker.execute(() -> {
      try {
        accept(batch);
      } catch (RuntimeException e) {
        LOG.warn("drift batch of model {} version {} failed: {}", batch.model(), batch.version(),
            e.toString());
      }
    });
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
      if (s.monitor == null) {
        s.monitor = newMonitor(model, ref);
        s.takePending();
      } else {
        s.monitor.replaceReference(ref);
      }
      s.dirty = true;
      return ref;
    }, worker);
  }

  public Collection<VersionState> versions() {
    return versions.values();
  }

  public VersionState version(String model, String version) {
    return versions.get(key(model, version));
  }

  private void accept(SampleBatch batch) {
    VersionState s = versions.computeIfAbsent(key(batch.model(), batch.version()),
        k -> new VersionState(batch.model(), batch.version(), new ArrayList<>(batch.columns().keySet())));
    s.rows += batch.rows();
    s.dirty = true;
    int from = 0;
    if (s.monitor == null) {
      int take = Math.min(batch.rows(), config.referenceRows() - s.pendingRows);
      s.addPending(batch.columns(), 0, take);
      from = take;
      if (s.pendingRows < config.referenceRows()) {
        return;
      }
      Dataset data = s.takePending();
      s.monitor = newMonitor(batch.model(), ReferenceProfile.of(data, List.of(),
          ProfileOptions.DEFAULTS, "first " + data.rows() + " rows"));
      LOG.info("drift: model {} version {} monitored against its first {} rows", batch.model(),
          batch.version(), data.rows());
      if (from == batch.rows()) {
        return;
      }
    }
    SampleBatch rest = from == 0 ? batch : slice(batch, from);
    for (WindowVerdict v : s.monitor.accept(rest)) {
      s.windows++;
      s.latest = v;
      if (v.report() != null) {
        publish(s, v.report());
      }
    }
  }

  private DriftMonitor newMonitor(String model, ReferenceProfile ref) {
    return new DriftMonitor(model, ref, DriftConfig.DEFAULTS,
        WindowPolicy.byRows(config.windowRows(), 0, 1), clock);
  }

  /** Rows [from, rows) of a batch (the rows past the reference). */
  private static SampleBatch slice(SampleBatch b, int from) {
    VersionState tmp = new VersionState(b.model(), b.version(), new ArrayList<>(b.columns().keySet()));
    tmp.addPending(b.columns(), from, b.rows());
    Dataset d = tmp.takePending();
    Map<String, io.pipelens.drift.dataset.Column> cols = new java.util.LinkedHashMap<>();
    for (String name : d.columnNames()) {
      cols.put(name, d.column(name).orElseThrow());
    }
    return new SampleBatch(b.model(), b.version(), b.timestampUnixNano(), b.traceId(), cols,
        null, null, null, b.rows() - from);
  }

  private synchronized void publish(VersionState s, DriftReport report) {
    long now = clock.millis();
    Labels base = Labels.of("model", s.model, "version", s.version);
    series.append(base.with(Labels.NAME, SHARE), now, report.driftShare());
    for (FeatureDrift f : report.features()) {
      if (!f.evaluated()) {
        continue;
      }
      Labels l = base.with("feature", f.feature()).with("method", f.method().id());
      series.append(l.with(Labels.NAME, SCORE), now, f.score());
      series.append(l.with(Labels.NAME, THRESHOLD), now, f.threshold());
      series.append(l.with(Labels.NAME, DETECTED), now, f.drifted() ? 1 : 0);
    }
  }

  /** Re-appends the latest verdicts so they stay on /metrics between windows. */
  public void refreshSeries() {
    for (VersionState s : versions.values()) {
      WindowVerdict v = s.latest;
      if (v != null && v.report() != null) {
        publish(s, v.report());
      }
    }
  }

  /** Saves changed monitors. Blocking I/O: call from a worker. */
  public void snapshot() {
    for (VersionState s : versions.values()) {
      DriftMonitor m = s.monitor;
      if (m == null || !s.dirty) {
        continue;
      }
      s.dirty = false;
      try {
        Files.createDirectories(dir);
        MonitorStateCodec.save(m.snapshot(), dir.resolve(fileName(s.model, s.version)));
      } catch (IOException e) {
        s.dirty = true;
        LOG.warn("cannot save drift state of model {} version {}: {}", s.model, s.version, e.toString());
      }
    }
  }

  private void restore() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        String name = f.getFileName().toString();
        String[] parts = name.substring(0, name.length() - 5).split("@", -1);
        if (parts.length != 2) {
          continue;
        }
        String model = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String version = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        DriftMonitor m;
        try {
          m = DriftMonitor.restore(MonitorStateCodec.load(f), clock);
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException("cannot read drift state " + f + ": " + e.getMessage(), e);
        }
        VersionState s = new VersionState(model, version,
            new ArrayList<>(m.reference().features().keySet()));
        s.monitor = m;
        versions.put(key(model, version), s);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list drift state in " + dir + ": " + e, e);
    }
  }

  static String fileName(String model, String version) {
    return URLEncoder.encode(model, StandardCharsets.UTF_8) + "@"
        + URLEncoder.encode(version, StandardCharsets.UTF_8) + ".json";
  }

  private static String key(String model, String version) {
    return model + '\u0000' + version;
  }

  /** Finishes queued batches (up to 10 s), then saves state. Blocking. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("drift batches still queued at shutdown were dropped");
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    snapshot();
  }
}
