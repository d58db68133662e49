package io.pipelens.alerts.rules.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Value;
import io.pipelens.alerts.rules.AlertingRule;
import io.pipelens.alerts.rules.RuleTemplates;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The active alerts of one alerting rule and Prometheus's state machine over them
 * (rules/alerting.go): new series become pending, pending ones fire after {@code for}, firing ones
 * that vanish stay firing for {@code keep_firing_for} and then resolve; resolved alerts are kept
 * 15 minutes, pending ones that vanish are dropped. Not thread-safe: one group evaluates at a time.
 */
final class AlertingRuleState {
  static final long RESOLVED_RETENTION_MS = 15 * 60_000L;

  private final AlertingRule rule;
  private final Map<String, String> groupLabels;
  private final Map<Labels, Alert> active = new LinkedHashMap<>();

  AlertingRuleState(AlertingRule rule, Map<String, String> groupLabels) {
    this.rule = rule;
    this.groupLabels = groupLabels;
  }

  AlertingRule rule() {
    return rule;
  }

  List<Alert> alerts() {
    return List.copyOf(active.values());
  }

  void restore(List<Alert> alerts) {
    active.clear();
    alerts.forEach(a -> active.put(a.labels(), a));
  }

  /**
   * Advances the state machine with the expression's result at {@code ts}.
   *
   * @return the ALERTS and ALERTS_FOR_STATE samples to write
   * @throws RuleEvaluationException for duplicate alert label sets or an exceeded limit
   */
  List<Value.Sample> eval(List<Value.Sample> result, long ts, int limit, EvalSettings settings) {
    Map<Labels, Alert> current = new LinkedHashMap<>();
    for (Value.Sample s : result) {
      Map<String, String> seriesLabels = s.labels().toMap();
      Map<String, String> labels = new TreeMap<>(s.labels().withoutMetricName().toMap());
      String tmplName = "__alert_" + rule.name();
      Map<String, String> ruleLabels = new TreeMap<>(groupLabels);
      ruleLabels.putAll(rule.labels());
      ruleLabels.forEach((k, v) -> labels.put(k, RuleTemplates.expand(tmplName, v, seriesLabels,
          settings.externalLabels(), settings.externalUrl(), s.v())));
      labels.put("alertname", rule.name());
      Map<String, String> annotations = new TreeMap<>();
      rule.annotations().forEach((k, v) -> annotations.put(k, RuleTemplates.expand(tmplName, v, seriesLabels,
          settings.externalLabels(), settings.externalUrl(), s.v())));
      Labels l = Labels.fromMap(labels);
      if (current.containsKey(l)) {
        throw new RuleEvaluationException("vector contains metrics with the same labelset after applying alert labels");
      }
      current.put(l, new Alert(l, annotations, AlertState.PENDING, s.v(), ts, 0, 0, 0));
    }
    for (Alert a : current.values()) {
      Alert old = active.get(a.labels());
      if (old != null && old.state() != AlertState.INACTIVE) {
        active.put(a.labels(), old.updated(a.value(), a.annotations()));
      } else {
        active.put(a.labels(), a);
      }
    }
    List<Value.Sample> out = new ArrayList<>();
    int numActive = 0;
    for (Iterator<Map.Entry<Labels, Alert>> it = active.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Labels, Alert> e = it.next();
      Alert a = e.getValue();
      if (!current.containsKey(e.getKey())) {
        boolean keepFiring = false;
        if (a.state() == AlertState.FIRING && rule.keepFiringForMs() > 0) {
          if (a.keepFiringSinceMs() == 0) {
            a = a.keepFiringSince(ts);
          }
          keepFiring = ts - a.keepFiringSinceMs() < rule.keepFiringForMs();
        }
        if (a.state() == AlertState.PENDING || (a.resolvedAtMs() != 0 && ts - a.resolvedAtMs() > RESOLVED_RETENTION_MS)) {
          it.remove();
          continue;
        }
        if (!keepFiring) {
          e.setValue(a.state() != AlertState.INACTIVE ? a.resolved(ts) : a);
          continue;
        }
      }
      numActive++;
      if (a.state() == AlertState.PENDING && ts - a.activeAtMs() >= rule.forMs()) {
        a = a.fired(ts);
      }
      e.setValue(a);
      out.add(new Value.Sample(a.labels().with(Labels.METRIC_NAME, "ALERTS").with("alertstate", a.state().label()), ts, 1));
      out.add(new Value.Sample(a.labels().with(Labels.METRIC_NAME, "ALERTS_FOR_STATE"), ts,
          Math.floorDiv(a.activeAtMs(), 1000L)));
    }
    if (limit > 0 && numActive > limit) {
      active.clear();
      throw new RuleEvaluationException("exceeded limit of " + limit + " with " + numActive + " alerts");
    }
    return out;
  }
}
