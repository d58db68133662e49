package io.pipelens.collector.rules;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.pipelens.alerts.rules.runtime.GroupRunner;
import io.pipelens.alerts.rules.runtime.RuleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Rule evaluation metrics on /metrics, named after Prometheus's {@code prometheus_rule_*}: per
 * group ({@code rule_group="FILE;GROUP"}) last duration, last evaluation time, interval, rule
 * count, rule evaluations, failed ones and missed iterations; and whether the last reload worked.
 * Meters read the current runner of a group key, so a reloaded group keeps its meters; {@link
 * #refresh} (at every scrape and reload) adds meters of new groups and removes those of gone ones.
 */
final class RulesMetrics {
  private final MeterRegistry registry;
  private final RuleManager manager;
  private final Map<String, GroupRunner> current = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> meters = new HashMap<>();

  RulesMetrics(MeterRegistry registry, RuleManager manager) {
    this.registry = registry;
    this.manager = manager;
    Gauge.builder("pipelens.rules.config.last.reload.successful", manager, m -> m.lastReloadSuccessful() ? 1 : 0)
        .description("Whether the last rule files reload succeeded (0: the previous rules keep running)")
        .register(registry);
    Gauge.builder("pipelens.rules.config.last.reload.success.timestamp", manager, m -> m.lastReloadSuccessMs() / 1000.0)
        .baseUnit("seconds").description("When the rule files were last loaded successfully")
        .register(registry);
  }

  synchronized void refresh() {
    Map<String, GroupRunner> now = new HashMap<>();
    manager.groups().forEach(g -> now.put(g.key(), g));
    current.putAll(now);
    for (String gone : new ArrayList<>(meters.keySet())) {
      if (!now.containsKey(gone)) {
        meters.remove(gone).forEach(registry::remove);
        current.remove(gone);
      }
    }
    now.keySet().forEach(key -> meters.computeIfAbsent(key, this::register));
  }

  private List<Meter> register(String key) {
    Tags tags = Tags.of("rule_group", key);
    List<Meter> out = new ArrayList<>();
    out.add(gauge("pipelens.rule.group.last.duration", "seconds", key, tags, GroupRunner::lastDurationSeconds,
        "Duration of the last evaluation of the rule group"));
    out.add(gauge("pipelens.rule.group.last.evaluation.timestamp", "seconds", key, tags,
        g -> g.lastEvaluationMs() / 1000.0, "Evaluation time of the last rule group evaluation"));
    out.add(gauge("pipelens.rule.group.interval", "seconds", key, tags, g -> g.intervalMs() / 1000.0,
        "The interval of the rule group"));
    out.add(gauge("pipelens.rule.group.rules", null, key, tags, g -> g.group().rules().size(),
        "The number of rules in the group"));
    out.add(counter("pipelens.rule.evaluations", key, tags, GroupRunner::evaluations,
        "Rule evaluations (one per rule per cycle)"));
    out.add(counter("pipelens.rule.evaluation.failures", key, tags, GroupRunner::failures,
        "Rule evaluations that failed"));
    out.add(counter("pipelens.rule.group.iterations.missed", key, tags, GroupRunner::missedIterations,
        "Evaluation cycles skipped because an evaluation took longer than the interval"));
    return out;
  }

  private Meter gauge(String name, String unit, String key, Tags tags, ToDoubleFunction<GroupRunner> f, String help) {
    Gauge.Builder<RulesMetrics> b = Gauge.builder(name, this, m -> m.read(key, f)).tags(tags).description(help);
    return (unit == null ? b : b.baseUnit(unit)).register(registry);
  }

  private Meter counter(String name, String key, Tags tags, ToDoubleFunction<GroupRunner> f, String help) {
    return FunctionCounter.builder(name, this, m -> m.read(key, f)).tags(tags).description(help).register(registry);
  }

  private double read(String key, ToDoubleFunction<GroupRunner> f) {
    GroupRunner g = current.get(key);
    return g == null ? Double.NaN : f.applyAsDouble(g);
  }
}
