package io.pipelens.alerts.rules.runtime;

import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.rules.RuleFile;
import io.pipelens.alerts.rules.RuleFileException;
import io.pipelens.alerts.rules.RuleGroup;
import io.pipelens.alerts.rules.eval.AlertSnapshot;
import io.pipelens.alerts.rules.eval.Appendable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rule files like Prometheus's rule manager: every group evaluates on its own schedule at its
 * {@code interval} (aligned to a per-group offset, so groups spread over the interval), writes its
 * output series to the sink, and hands due alerts to the {@link AlertSender} ({@link
 * AlertDispatch} has the resend rules). Alert state is persisted to {@link
 * RuleManagerConfig#stateFile()} after every evaluation that changed it and restored at start.
 *
 * <p>{@link #reload()} (called on file change by the watch, on SIGHUP or {@code POST /-/reload} by
 * the collector) loads every file first: a bad file refuses the whole reload, the previous groups
 * keep running and {@link #lastReloadSuccessful()} turns false. Groups whose definition did not
 * change keep their runner (state, schedule, statistics); changed groups start with the alert
 * state of their predecessor; removed groups stop.
 *
 * <p>Threads: two daemon threads "pipelens-rules-N" run the evaluations and the watch. Public
 * methods are thread-safe.
 */
public final class RuleManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuleManager.class);

  private final RuleManagerConfig config;
  private final SeriesSource source;
  private final Appendable sink;
  private final AlertSender sender;
  private final Clock clock;
  private final RuleFileSet files;
  private final AlertStateFile state;
  private final ScheduledExecutorService executor;
  private final Map<String, Scheduled> scheduled = new LinkedHashMap<>();
  private volatile List<GroupRunner> runners = List.of();
  private volatile boolean lastReloadSuccessful = true;
  private volatile long lastReloadSuccessMs;
  private volatile List<String> lastReloadErrors = List.of();
  private String lastFingerprint = "";
  private boolean started;
  private boolean closed;

  /** A runner and its pending tick; {@code cancelled} stops a tick that is already running from rescheduling. */
  private static final class Scheduled {
    final GroupRunner runner;
    volatile boolean cancelled;
    volatile ScheduledFuture<?> future;

    Scheduled(GroupRunner runner) {
      this.runner = runner;
    }
  }

  /**
   * @throws IllegalStateException naming the state file when it exists but cannot be read
   */
  public RuleManager(RuleManagerConfig config, SeriesSource source, Appendable sink, AlertSender sender, Clock clock) {
    this.config = config;
    this.source = source;
    this.sink = sink;
    this.sender = sender;
    this.clock = clock;
    this.files = new RuleFileSet(config.files(), config.includeDefaultRules());
    this.state = config.stateFile() == null ? null : AlertStateFile.open(config.stateFile());
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "pipelens-rules-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // close() lets a running evaluation finish (no interrupt: it may be writing the state file) and drops the rest
    ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    ex.setRemoveOnCancelPolicy(true);
    this.executor = ex;
  }

  /**
   * Loads the rule files, restores persisted alert state and starts every group's schedule and
   * the file watch.
   *
   * @throws RuleFileException listing every problem of every bad file (start-up fails fast)
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("rule manager already started");
    }
    lastFingerprint = files.fingerprint();
    List<RuleFile> loaded = files.load();
    apply(loaded);
    started = true;
    lastReloadSuccessMs = clock.millis();
    if (config.watchIntervalMs() > 0) {
      executor.scheduleWithFixedDelay(this::checkFiles, config.watchIntervalMs(), config.watchIntervalMs(),
          TimeUnit.MILLISECONDS);
    }
    LOG.info("rules: {} groups with {} rules loaded from {} (default rules {})", runners.size(),
        ruleCount(), config.files(), config.includeDefaultRules() ? "included" : "not included");
  }

  /** Reloads the rule files; on any error nothing changes and the errors are returned and logged. */
  public synchronized ReloadResult reload() {
    if (closed) {
      return new ReloadResult(false, 0, 0, List.of("rule manager is stopped"));
    }
    lastFingerprint = files.fingerprint();
    List<RuleFile> loaded;
    try {
      loaded = files.load();
    } catch (RuleFileException e) {
      return refused(e.errors());
    } catch (RuntimeException e) {
      return refused(List.of(String.valueOf(e.getMessage())));
    }
    apply(loaded);
    lastReloadSuccessful = true;
    lastReloadErrors = List.of();
    lastReloadSuccessMs = clock.millis();
    LOG.info("rules reloaded: {} groups with {} rules", runners.size(), ruleCount());
    return new ReloadResult(true, runners.size(), ruleCount(), List.of());
  }

  private ReloadResult refused(List<String> errors) {
    lastReloadSuccessful = false;
    lastReloadErrors = List.copyOf(errors);
    LOG.error("rules reload refused, the previous rules keep running:\n  {}", String.join("\n  ", errors));
    return new ReloadResult(false, runners.size(), ruleCount(), errors);
  }

  private void checkFiles() {
    try {
      String fp = files.fingerprint();
      boolean changed;
      synchronized (this) {
        changed = !closed && !fp.equals(lastFingerprint);
      }
      if (changed) {
        LOG.info("rule files changed, reloading");
        reload();
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot check rule files for changes: {}", e.toString());
    }
  }

  private void apply(List<RuleFile> loaded) {
    Map<String, Scheduled> next = new LinkedHashMap<>();
    for (RuleFile f : loaded) {
      for (RuleGroup g : f.groups()) {
        String key = GroupRunner.key(f.path(), g.name());
        Scheduled old = scheduled.get(key);
        if (old != null && old.runner.sameDefinition(f.path(), g)) {
          next.put(key, old);
          continue;
        }
        GroupRunner r = new GroupRunner(f.path(), g, config, source, sink);
        AlertSnapshot previous = old != null ? old.runner.snapshot() : state != null ? state.get(key) : null;
        if (previous != null) {
          r.restore(previous);
        }
        next.put(key, new Scheduled(r));
      }
    }
    scheduled.forEach((key, s) -> {
      if (next.get(key) != s) {
        s.cancelled = true;
        if (s.future != null) {
          s.future.cancel(false);
        }
      }
    });
    scheduled.clear();
    scheduled.putAll(next);
    runners = next.values().stream().map(s -> s.runner).toList();
    next.values().forEach(s -> {
      if (s.future == null && !s.cancelled) {
        scheduleFirst(s);
      }
    });
    if (state != null) {
      try {
        state.retain(next.keySet());
      } catch (RuntimeException e) {
        LOG.warn("{}", e.getMessage());
      }
    }
  }

  private void scheduleFirst(Scheduled s) {
    long interval = s.runner.intervalMs();
    long offset = Math.floorMod((long) s.runner.key().hashCode(), interval);
    long now = clock.millis();
    long next = now - Math.floorMod(now - offset, interval) + interval;
    schedule(s, next);
  }

  private void schedule(Scheduled s, long evalTimestampMs) {
    synchronized (s) {
      if (s.cancelled || executor.isShutdown()) {
        return;
      }
      s.future = executor.schedule(() -> tick(s, evalTimestampMs), Math.max(0, evalTimestampMs - clock.millis()),
          TimeUnit.MILLISECONDS);
    }
  }

  private void tick(Scheduled s, long ts) {
    if (s.cancelled) {
      return;
    }
    evaluate(s.runner, ts);
    long interval = s.runner.intervalMs();
    long missed = (clock.millis() - ts) / interval - 1;
    if (missed > 0) {
      s.runner.countMissed(missed);
    }
    schedule(s, ts + (Math.max(0, missed) + 1) * interval);
  }

  private void evaluate(GroupRunner r, long ts) {
    try {
      r.evaluate(ts, sender);
      if (state != null) {
        state.put(r.key(), r.snapshot());
      }
    } catch (RuntimeException e) { // a bug or the state file: the schedule goes on
      LOG.warn("rule group {} evaluation at {}: {}", r.key(), ts, e.toString());
    }
  }

  /**
   * Evaluates every group once at {@code timestampMs} on the calling thread, as a scheduled cycle
   * would (sending and persisting included). For benchmarks and tests; the schedules go on.
   */
  public void evaluateAll(long timestampMs) {
    for (GroupRunner r : runners) {
      evaluate(r, timestampMs);
    }
  }

  /** The running groups, in file order. */
  public List<GroupRunner> groups() {
    return runners;
  }

  public boolean lastReloadSuccessful() {
    return lastReloadSuccessful;
  }

  /** When rules were last loaded successfully (ms), 0 before start. */
  public long lastReloadSuccessMs() {
    return lastReloadSuccessMs;
  }

  /** The problems of the last refused reload; empty after a successful one. */
  public List<String> lastReloadErrors() {
    return lastReloadErrors;
  }

  private int ruleCount() {
    int n = 0;
    for (GroupRunner r : runners) {
      n += r.group().rules().size();
    }
    return n;
  }

  /** Stops every schedule and the watch (waiting up to 10 s for a running evaluation), then saves alert state. */
  @Override
  public void close() {
    List<Scheduled> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(scheduled.values());
    }
    all.forEach(s -> s.cancelled = true);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("a rule evaluation did not finish within 10 s at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (state != null) {
      for (Scheduled s : all) {
        try {
          state.put(s.runner.key(), s.runner.snapshot());
        } catch (RuntimeException e) {
          LOG.warn("{}", e.getMessage());
        }
      }
    }
  }
}
