package io.pipelens.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.alerts.rules.RuleFileException;
import io.pipelens.collector.series.LabelMatcher;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.series.SeriesStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule evaluation over the collector's series store: outputs land in the store, metrics on the registry. */
class RulesServiceTest {
  static final long T0 = 1_700_000_040_000L;

  @TempDir
  Path dir;

  final SeriesStore series = new SeriesStore(SeriesStoreConfig.defaults());
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  RulesService service(Path rules) {
    return new RulesService(RulesConfig.DEFAULTS.withIncludeDefaultRules(false).withFiles(List.of(rules.toString()))
        .withWatchInterval(Duration.ZERO), dir, series, registry, Clock.systemUTC(), "http://localhost:8080");
  }

  @Test
  void evaluationWritesAlertsIntoTheStoreAndExportsPrometheusStyleMetrics() throws Exception {
    Path rules = dir.resolve("r.yml");
    Files.writeString(rules, """
        groups:
          - name: g
            rules:
              - alert: Always
                expr: vector(1)
              - record: broken
                expr: '{__name__=~"a|b"} + on() {__name__=~"a|b"}'
        """);
    series.append(io.pipelens.collector.series.Labels.of("__name__", "a"), T0, 1);
    series.append(io.pipelens.collector.series.Labels.of("__name__", "b"), T0, 1);
    try (RulesService s = service(rules)) {
      s.manager().evaluateAll(T0);
      assertThat(series.select(List.of(LabelMatcher.eq("__name__", "ALERTS"), LabelMatcher.eq("alertname", "Always")),
          0, Long.MAX_VALUE)).singleElement().satisfies(x -> assertThat(x.labels().get("alertstate")).isEqualTo("firing"));
      String key = rules.toAbsolutePath() + ";g";
      String page = registry.scrape();
      assertThat(page)
          .contains("pipelens_rule_evaluations_total{rule_group=\"" + key + "\"} 2.0")
          .contains("pipelens_rule_evaluation_failures_total{rule_group=\"" + key + "\"} 1.0")
          .contains("pipelens_rule_group_iterations_missed_total{rule_group=\"" + key + "\"} 0.0")
          .contains("pipelens_rule_group_last_evaluation_timestamp_seconds{rule_group=\"" + key + "\"} 1.70000004E9")
          .contains("pipelens_rule_group_interval_seconds{rule_group=\"" + key + "\"} 60.0")
          .contains("pipelens_rule_group_last_duration_seconds{rule_group=\"" + key + "\"}")
          .contains("pipelens_rules_config_last_reload_successful 1.0");

      Files.writeString(rules, "groups:\n  - name: g\n    rules:\n      - alert: X\n");
      assertThat(s.reload().errors()).anySatisfy(e -> assertThat(e).contains(rules.toAbsolutePath().toString()));
      assertThat(registry.scrape()).contains("pipelens_rules_config_last_reload_successful 0.0");

      Files.writeString(rules, "groups:\n  - name: h\n    rules:\n      - alert: X\n        expr: vector(1)\n");
      assertThat(s.reload().successful()).isTrue();
      assertThat(registry.scrape()).contains("pipelens_rules_config_last_reload_successful 1.0")
          .contains("rule_group=\"" + rules.toAbsolutePath() + ";h\"").doesNotContain(key + "\"");
    }
  }

  @Test
  void aBadRuleFileStopsStartNamingIt() throws Exception {
    Path rules = dir.resolve("bad.yml");
    Files.writeString(rules, "groups:\n  - name: g\n    rules:\n      - alert: X\n        expr: sum(\n");
    assertThatThrownBy(() -> service(rules)).isInstanceOf(RuleFileException.class)
        .hasMessageContaining(rules.toAbsolutePath().toString());
  }
}
