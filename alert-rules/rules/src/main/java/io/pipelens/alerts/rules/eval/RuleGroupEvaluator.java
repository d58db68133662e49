package io.pipelens.alerts.rules.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.promql.Value;
import io.pipelens.alerts.rules.AlertingRule;
import io.pipelens.alerts.rules.RecordingRule;
import io.pipelens.alerts.rules.Rule;
import io.pipelens.alerts.rules.RuleGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates one rule group at given timestamps, like a Prometheus rule group: rules run in order,
 * each rule's output is appended to the sink at once (so later rules of the group read it through
 * the source), alerting rules keep their alert state between calls, and series a rule wrote at the
 * previous evaluation but not at this one get a stale marker.
 *
 * <p>Never throws for a failing rule: the error is returned in {@link GroupResult} and the other
 * rules still run. Not thread-safe; call {@link #evaluate} from one thread at a time.
 */
public final class RuleGroupEvaluator {
  private final RuleGroup group;
  private final PromqlEngine engine;
  private final Appendable sink;
  private final EvalSettings settings;
  private final List<AlertingRuleState> alerting = new ArrayList<>();
  private final Map<Integer, AlertingRuleState> alertingByIndex = new LinkedHashMap<>();
  private final Map<Integer, Set<Labels>> previousSeries = new LinkedHashMap<>();
  private final long[] ruleDurationsNanos;

  public RuleGroupEvaluator(RuleGroup group, SeriesSource source, Appendable sink, EvalSettings settings) {
    this.group = group;
    this.engine = new PromqlEngine(source, settings.engine());
    this.sink = sink;
    this.settings = settings;
    this.ruleDurationsNanos = new long[group.rules().size()];
    for (int i = 0; i < group.rules().size(); i++) {
      if (group.rules().get(i) instanceof AlertingRule a) {
        AlertingRuleState s = new AlertingRuleState(a, group.labels());
        alerting.add(s);
        alertingByIndex.put(i, s);
      }
    }
  }

  public RuleGroup group() {
    return group;
  }

  /**
   * Evaluates every rule at {@code timestampMs}. With a {@code query_offset} the queries run and
   * the output samples are written at {@code timestampMs - offset} (as Prometheus 3 does); alert
   * timers use {@code timestampMs}.
   */
  public GroupResult evaluate(long timestampMs) {
    long queryTs = timestampMs - group.queryOffsetMs();
    List<GroupResult.RuleError> errors = new ArrayList<>();
    for (int i = 0; i < group.rules().size(); i++) {
      Rule rule = group.rules().get(i);
      long started = System.nanoTime();
      List<Value.Sample> out;
      try {
        List<Value.Sample> result = query(rule, queryTs);
        out = rule instanceof AlertingRule
            ? alertingByIndex.get(i).eval(result, timestampMs, group.limit(), settings)
            : record((RecordingRule) rule, result, timestampMs);
      } catch (RuntimeException e) { // QueryException, RuleEvaluationException, or an engine bug: never stop the group
        errors.add(new GroupResult.RuleError(i, rule.name(), e.getMessage() == null ? e.toString() : e.getMessage()));
        out = List.of();
      }
      Set<Labels> now = new HashSet<>();
      for (Value.Sample s : out) {
        sink.append(s.labels(), queryTs, s.v());
        now.add(s.labels());
      }
      for (Labels gone : previousSeries.getOrDefault(i, Set.of())) {
        if (!now.contains(gone)) {
          sink.append(gone, queryTs, Point.STALE_NAN);
        }
      }
      previousSeries.put(i, now);
      ruleDurationsNanos[i] = System.nanoTime() - started;
    }
    return new GroupResult(group.name(), timestampMs, errors);
  }

  private List<Value.Sample> query(Rule rule, long t) {
    Value v = engine.instantQuery(rule.expr(), t).value();
    if (v instanceof Value.Vector vec) {
      return vec.samples();
    }
    if (v instanceof Value.Scalar s) {
      return List.of(new Value.Sample(Labels.EMPTY, t, s.v()));
    }
    throw new RuleEvaluationException("rule result is not a vector or scalar");
  }

  private List<Value.Sample> record(RecordingRule rule, List<Value.Sample> result, long ts) {
    Map<String, String> extra = new LinkedHashMap<>(group.labels());
    extra.putAll(rule.labels());
    List<Value.Sample> out = new ArrayList<>(result.size());
    Set<Labels> seen = new HashSet<>();
    for (Value.Sample s : result) {
      Map<String, String> m = s.labels().toMap();
      m.putAll(extra);
      m.put(Labels.METRIC_NAME, rule.name());
      Labels l = Labels.fromMap(m);
      if (!seen.add(l)) {
        throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
      }
      out.add(new Value.Sample(l, ts, s.v()));
    }
    if (group.limit() > 0 && out.size() > group.limit()) {
      throw new RuleEvaluationException("exceeded limit of " + group.limit() + " with " + out.size() + " series");
    }
    return out;
  }

  /** How long each rule took at the last {@link #evaluate} (nanoseconds, by rule position; 0 before the first). */
  public long[] ruleDurationsNanos() {
    return ruleDurationsNanos.clone();
  }

  /** Alerts (pending, firing, and resolved ones kept for 15 minutes) of the alerting rules named {@code alertName}. */
  public List<Alert> alerts(String alertName) {
    List<Alert> out = new ArrayList<>();
    for (AlertingRuleState s : alerting) {
      if (s.rule().name().equals(alertName)) {
        out.addAll(s.alerts());
      }
    }
    return out;
  }

  /** Every alert of the group, in rule order. */
  public List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    alerting.forEach(s -> out.addAll(s.alerts()));
    return out;
  }

  /** The alert state to persist, keyed by rule position and name. */
  public AlertSnapshot snapshot() {
    Map<String, List<Alert>> m = new LinkedHashMap<>();
    alertingByIndex.forEach((i, s) -> m.put(AlertSnapshot.key(i, s.rule().name()), s.alerts()));
    return new AlertSnapshot(group.name(), m);
  }

  /**
   * Resumes from a snapshot taken before a restart: pending alerts keep their {@code for} timer,
   * firing ones stay firing without a new pending phase. Rules whose position or name changed
   * start empty.
   */
  public void restore(AlertSnapshot snapshot) {
    if (!snapshot.group().equals(group.name())) {
      return;
    }
    alertingByIndex.forEach((i, s) ->
        Optional.ofNullable(snapshot.alerts().get(AlertSnapshot.key(i, s.rule().name()))).ifPresent(s::restore));
  }
}
