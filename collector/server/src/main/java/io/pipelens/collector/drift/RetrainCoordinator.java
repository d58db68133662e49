package io.pipelens.collector.drift;

import io.pipelens.collector.series.Labels;
import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.MetricType;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.drift.config.ActionSpec;
import io.pipelens.drift.config.RetrainPolicy;
import io.pipelens.drift.retrain.ActionResult;
import io.pipelens.drift.retrain.DriftReason;
import io.pipelens.drift.retrain.RetrainAction;
import io.pipelens.drift.retrain.RetrainActions;
import io.pipelens.drift.retrain.RetrainEvent;
import io.pipelens.drift.retrain.RetrainGate;
import io.pipelens.drift.retrain.TriggerAuditLog;
import io.pipelens.drift.retrain.TriggerRecord;
import io.pipelens.drift.window.WindowVerdict;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retraining triggers of the collector: {@link #observe} (drift worker) applies the model's
 * {@link RetrainGate}; a trigger runs the model's actions in order on one "pipelens-retrain"
 * thread, appends one audit record per action ({@code DATA_DIR/drift/triggers.jsonl}), counts
 * {@code pipelens_drift_retrain_triggers_total{model,action,outcome}} and records a span for the
 * trigger through the collector's own ingest path. Cooldowns and counters survive restarts: they
 * are rebuilt from the audit log.
 */
final class RetrainCoordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainCoordinator.class);
  static final String TRIGGERS = "pipelens_drift_retrain_triggers_total";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TriggerAuditLog audit;
  private final SeriesStore series;
  private final Clock clock;
  private final Map<String, Long> lastTrigger = new ConcurrentHashMap<>();
  private final Map<Labels, Double> counts = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor runner;
  private volatile Consumer<SpanRecord> spans = span -> {};
  /** Called with (model, new version, trigger id) when a run reports a new version. */
  private final NewVersionListener newVersions;

  interface NewVersionListener {
    void announced(String model, String version, String by);
  }

  RetrainCoordinator(TriggerAuditLog audit, SeriesStore series, Clock clock,
      NewVersionListener newVersions) {
    this.audit = audit;
    this.series = series;
    this.clock = clock;
    this.newVersions = newVersions;
    series.describe(new MetricMetadata(TRIGGERS, MetricType.COUNTER,
        "Retraining actions run for drift triggers, by outcome (success, failure, timeout).", ""));
    try {
      for (TriggerRecord r : audit.read(null)) {
        lastTrigger.merge(r.model(), r.timeUnixMs(), Math::max);
        counts.merge(labels(r.model(), r.action(), r.outcome()), 1.0, Double::sum);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the trigger audit log " + audit.file() + ": "
          + e.getMessage(), e);
    }
    this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(100), r -> {
          Thread t = new Thread(r, "pipelens-retrain");
          t.setDaemon(true);
          return t;
        });
  }

  /** Where trigger spans go (the collector's ingest path); set once the collector is wired. */
  void recordSpansWith(Consumer<SpanRecord> sink) {
    this.spans = sink;
  }

  TriggerAuditLog audit() {
    return audit;
  }

  /** Drift worker: updates the version's streak; fires when the gate says so. */
  void observe(VersionState s, WindowVerdict v, RetrainPolicy policy) {
    if (policy == null) {
      return;
    }
    long now = clock.millis();
    RetrainGate.Decision d = new RetrainGate(policy).observe(s.retrainStreak, v,
        lastTrigger.getOrDefault(s.model, -1L), now);
    s.retrainStreak = d.fire() ? RetrainGate.Streak.NONE : d.streak();
    s.dirty = true;
    if (!d.fire()) {
      if (d.why().equals("cooldown")) {
        LOG.debug("drift of model {} version {} meets its retraining condition; in cooldown",
            s.model, s.version);
      }
      return;
    }
    lastTrigger.put(s.model, now);
    String traceId = hex(16);
    String spanId = hex(8);
    RetrainEvent event = new RetrainEvent(UUID.randomUUID().toString(), s.model, s.version, now,
        DriftReason.of(d.why(), v, d.streak()), "00-" + traceId + "-" + spanId + "-01");
    LOG.info("drift: model {} version {} triggers retraining ({}), trigger {} trace {}", s.model,
        s.version, d.why(), event.triggerId(), traceId);
    try {
      runner.execute(() -> run(event, policy.actions(), spanId));
    } catch (RejectedExecutionException e) {
      LOG.warn("retraining trigger {} of model {} dropped: {} triggers already queued",
          event.triggerId(), s.model, runner.getQueue().size());
    }
  }

  private void run(RetrainEvent event, List<ActionSpec> actions, String spanId) {
    long startNanos = epochNanos();
    List<SpanEvent> spanEvents = new ArrayList<>();
    boolean failed = false;
    for (ActionSpec spec : actions) {
      RetrainAction action = RetrainActions.of(spec);
      ActionResult r;
      try {
        r = action.run(event);
      } catch (RuntimeException e) {
        r = ActionResult.of(ActionResult.FAILURE, 1, e.toString());
      }
      failed |= !r.succeeded();
      try {
        audit.append(TriggerRecord.of(event, action.kind(), r));
      } catch (IOException e) {
        LOG.warn("cannot append to the trigger audit log {}: {}", audit.file(), e.toString());
      }
      counts.merge(labels(event.model(), action.kind(), r.outcome()), 1.0, Double::sum);
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("pipelens.retrain.action", action.kind());
      attrs.put("pipelens.retrain.outcome", r.outcome());
      attrs.put("pipelens.retrain.detail", r.detail());
      if (r.exitCode() != null) {
        attrs.put("process.exit.code", (long) r.exitCode());
      }
      spanEvents.add(new SpanEvent(epochNanos(), "retrain action", attrs));
      LOG.info("retraining trigger {} of model {}: {} {} ({})", event.triggerId(), event.model(),
          action.kind(), r.outcome(), r.detail());
      if (r.newVersion() != null) {
        try {
          newVersions.announced(event.model(), r.newVersion(), "retraining trigger " + event.triggerId());
        } catch (RuntimeException e) {
          LOG.warn("new version {} of model {} from trigger {} not registered: {}", r.newVersion(),
              event.model(), event.triggerId(), e.toString());
        }
      }
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("pipelens.model", event.model());
    attrs.put("pipelens.model.version", event.version());
    attrs.put("pipelens.retrain.trigger_id", event.triggerId());
    attrs.put("pipelens.drift.cause", event.reason().path("cause").asText());
    attrs.put("pipelens.drift.reason", event.reason().toString());
    spans.accept(new SpanRecord(event.traceId(), spanId, "", "", 1, "drift retrain trigger", 1,
        startNanos, Math.max(startNanos + 1, epochNanos()), failed ? 2 : 1,
        failed ? "a retraining action failed" : "", "pipelens-collector", "java",
        Map.of("service.name", "pipelens-collector"), "io.pipelens.collector.drift", "", attrs,
        spanEvents, List.of()));
  }

  /** Re-appends the counters so /metrics and rules see them. */
  void publish(BiConsumer<Labels, Double> append) {
    counts.forEach(append);
  }

  private static Labels labels(String model, String action, String outcome) {
    return Labels.of(Labels.NAME, TRIGGERS, "model", model, "action", action, "outcome", outcome);
  }

  private long epochNanos() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    do {
      RANDOM.nextBytes(b);
    } while (allZero(b));
    return HexFormat.of().formatHex(b);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Lets a running action finish (up to 10 s), then interrupts it. */
  @Override
  public void close() {
    runner.shutdown();
    try {
      if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("retraining actions still running at shutdown were interrupted");
        runner.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
