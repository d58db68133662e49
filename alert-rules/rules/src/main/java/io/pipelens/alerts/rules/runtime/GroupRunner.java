package io.pipelens.alerts.rules.runtime;

import io.pipelens.alerts.promql.EngineOptions;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.rules.AlertingRule;
import io.pipelens.alerts.rules.Rule;
import io.pipelens.alerts.rules.RuleGroup;
import io.pipelens.alerts.rules.eval.Alert;
import io.pipelens.alerts.rules.eval.AlertSnapshot;
import io.pipelens.alerts.rules.eval.Appendable;
import io.pipelens.alerts.rules.eval.EvalSettings;
import io.pipelens.alerts.rules.eval.GroupResult;
import io.pipelens.alerts.rules.eval.RuleGroupEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rule group of one file as the manager runs it: its evaluator (alert state), its sending
 * bookkeeping and its evaluation statistics, modelled on Prometheus's rule group metrics. {@link
 * #evaluate} and the alert accessors are serialised on the runner; statistics can be read from any
 * thread.
 */
public final class GroupRunner {
  private static final Logger LOG = LoggerFactory.getLogger(GroupRunner.class);

  private final String file;
  private final RuleGroup group;
  private final long intervalMs;
  private final RuleManagerConfig config;
  private final RuleGroupEvaluator evaluator;
  private final AlertDispatch dispatch = new AlertDispatch();
  private final Map<String, String> exprByRule = new LinkedHashMap<>();
  private final AtomicLong evaluations = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private volatile long lastEvaluationMs;
  private volatile long lastDurationNanos;
  private volatile String[] ruleErrors;
  private volatile long[] ruleDurationsNanos;

  GroupRunner(String file, RuleGroup group, RuleManagerConfig config, SeriesSource source, Appendable sink) {
    this.file = file;
    this.group = group;
    this.config = config;
    this.intervalMs = group.intervalMs() > 0 ? group.intervalMs() : config.evaluationIntervalMs();
    EngineOptions engine = new EngineOptions(EngineOptions.DEFAULTS.lookbackDeltaMs(), config.evaluationIntervalMs(),
        EngineOptions.DEFAULTS.maxSubquerySteps());
    this.evaluator = new RuleGroupEvaluator(group, source, sink,
        new EvalSettings(config.externalLabels(), config.externalUrl(), engine));
    for (int i = 0; i < group.rules().size(); i++) {
      exprByRule.put(i + ":" + group.rules().get(i).name(), group.rules().get(i).exprText());
    }
    this.ruleErrors = new String[group.rules().size()];
    Arrays.fill(ruleErrors, "");
    this.ruleDurationsNanos = new long[group.rules().size()];
  }

  /** Prometheus's {@code rule_group} label: {@code file;group}. */
  public String key() {
    return key(file, group.name());
  }

  static String key(String file, String group) {
    return file + ";" + group;
  }

  public String file() {
    return file;
  }

  public RuleGroup group() {
    return group;
  }

  /** The group's own interval, or the global evaluation interval. */
  public long intervalMs() {
    return intervalMs;
  }

  /**
   * Evaluates every rule at {@code timestampMs}, then hands the alerts that are due to {@code
   * sender}. Never throws: failing rules are counted and kept as their rule's last error; a
   * sender that throws is logged.
   */
  public synchronized GroupResult evaluate(long timestampMs, AlertSender sender) {
    long started = System.nanoTime();
    GroupResult r = evaluator.evaluate(timestampMs);
    lastDurationNanos = System.nanoTime() - started;
    lastEvaluationMs = timestampMs;
    evaluations.addAndGet(group.rules().size());
    failures.addAndGet(r.errors().size());
    String[] errs = new String[group.rules().size()];
    Arrays.fill(errs, "");
    for (GroupResult.RuleError e : r.errors()) {
      errs[e.index()] = e.message();
      LOG.debug("rule {} of group {} failed at {}: {}", e.rule(), key(), timestampMs, e.message());
    }
    ruleErrors = errs;
    ruleDurationsNanos = evaluator.ruleDurationsNanos();
    List<OutgoingAlert> due = dispatch.due(evaluator.snapshot().alerts(), exprByRule, timestampMs,
        config.resendDelayMs(), intervalMs, config.externalUrl(), config.externalLabels());
    if (!due.isEmpty()) {
      try {
        sender.send(due);
      } catch (RuntimeException e) {
        LOG.warn("sending {} alerts of rule group {} failed: {}", due.size(), key(), e.toString());
      }
    }
    return r;
  }

  void countMissed(long n) {
    missed.addAndGet(n);
  }

  public synchronized AlertSnapshot snapshot() {
    return evaluator.snapshot();
  }

  synchronized void restore(AlertSnapshot s) {
    evaluator.restore(s);
  }

  /** Alerts of each rule by rule position (empty lists for recording rules). */
  public synchronized List<List<Alert>> alertsByRule() {
    List<List<Alert>> out = new ArrayList<>();
    for (Rule r : group.rules()) {
      out.add(new ArrayList<>());
    }
    Map<String, List<Alert>> byKey = evaluator.snapshot().alerts();
    for (int i = 0; i < group.rules().size(); i++) {
      if (group.rules().get(i) instanceof AlertingRule a) {
        out.set(i, byKey.getOrDefault(i + ":" + a.name(), List.of()));
      }
    }
    return out;
  }

  /** Rule evaluations since the group started (one per rule per cycle). */
  public long evaluations() {
    return evaluations.get();
  }

  public long failures() {
    return failures.get();
  }

  /** Cycles skipped because an evaluation overran the interval. */
  public long missedIterations() {
    return missed.get();
  }

  /** Evaluation timestamp of the last cycle (ms), 0 before the first. */
  public long lastEvaluationMs() {
    return lastEvaluationMs;
  }

  public double lastDurationSeconds() {
    return lastDurationNanos / 1e9;
  }

  /** The last error of each rule by position, "" when it succeeded. */
  public List<String> ruleErrors() {
    return List.of(ruleErrors);
  }

  public double ruleDurationSeconds(int index) {
    return ruleDurationsNanos[index] / 1e9;
  }

  /** Whether {@code other} defines the same group (then a reload keeps this runner and its state). */
  boolean sameDefinition(String otherFile, RuleGroup other) {
    return file.equals(otherFile) && definition(group).equals(definition(other));
  }

  private static String definition(RuleGroup g) {
    StringBuilder b = new StringBuilder().append(g.name()).append('|').append(g.intervalMs()).append('|')
        .append(g.queryOffsetMs()).append('|').append(g.limit()).append('|').append(new java.util.TreeMap<>(g.labels()));
    for (Rule r : g.rules()) {
      b.append("\n").append(r.getClass().getSimpleName()).append('|').append(r.name()).append('|').append(r.exprText())
          .append('|').append(new java.util.TreeMap<>(r.labels()));
      if (r instanceof AlertingRule a) {
        b.append('|').append(a.forMs()).append('|').append(a.keepFiringForMs()).append('|')
            .append(new java.util.TreeMap<>(a.annotations()));
      }
    }
    return b.toString();
  }
}
