package io.pipelens.alerts.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.rules.RuleFileParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /api/v1/rules and /api/v1/alerts bodies, in the shape Prometheus, Grafana and amtool read. */
class RulesApiJsonTest {
  static final long T0 = 1_700_000_040_000L;
  final InMemorySeriesSource data = new InMemorySeriesSource();
  final GroupRunner runner = new GroupRunner("/etc/rules.yml", RuleFileParser.parse("/etc/rules.yml", """
      groups:
        - name: g
          rules:
            - record: job:up:sum
              expr: sum(up)
              labels: {source: rec}
            - alert: Down
              expr: up == 0
              for: 5m
              labels: {severity: page}
              annotations: {summary: "{{ $labels.job }} down"}
            - alert: Broken
              expr: '{__name__=~"up|up2"}'
      """).groups().get(0), RuleManagerConfig.of(List.of()), data, data::append);

  static JsonNode parse(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void rulesBeforeTheFirstEvaluationHaveUnknownHealth() throws Exception {
    JsonNode rule = parse(RulesApiJson.rules(List.of(runner), null)).at("/data/groups/0/rules/0");
    assertThat(rule.get("health").asText()).isEqualTo("unknown");
    assertThat(rule.get("lastEvaluation").asText()).isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void rulesAndAlertsInPrometheusShape() throws Exception {
    data.append(Labels.of("__name__", "up", "job", "etl"), T0, 0);
    data.append(Labels.of("__name__", "up2", "job", "etl"), T0, 0); // Broken: same alert labels twice
    runner.evaluate(T0, AlertSender.NONE);
    JsonNode root = parse(RulesApiJson.rules(List.of(runner), ""));
    assertThat(root.get("status").asText()).isEqualTo("success");
    JsonNode g = root.at("/data/groups/0");
    assertThat(g.get("name").asText()).isEqualTo("g");
    assertThat(g.get("file").asText()).isEqualTo("/etc/rules.yml");
    assertThat(g.get("interval").asDouble()).isEqualTo(60);
    assertThat(g.get("lastEvaluation").asText()).isEqualTo("2023-11-14T22:14:00Z");
    JsonNode rec = g.at("/rules/0");
    assertThat(rec.get("type").asText()).isEqualTo("recording");
    assertThat(rec.get("health").asText()).isEqualTo("ok");
    assertThat(rec.at("/labels/source").asText()).isEqualTo("rec");
    JsonNode down = g.at("/rules/1");
    assertThat(down.get("type").asText()).isEqualTo("alerting");
    assertThat(down.get("state").asText()).isEqualTo("pending");
    assertThat(down.get("duration").asDouble()).isEqualTo(300);
    assertThat(down.get("query").asText()).isEqualTo("up == 0");
    assertThat(down.at("/alerts/0/labels/alertname").asText()).isEqualTo("Down");
    assertThat(down.at("/alerts/0/annotations/summary").asText()).isEqualTo("etl down");
    assertThat(down.at("/alerts/0/value").asText()).isEqualTo("0e+00");
    assertThat(down.at("/alerts/0/activeAt").asText()).isEqualTo("2023-11-14T22:14:00Z");
    JsonNode broken = g.at("/rules/2");
    assertThat(broken.get("health").asText()).isEqualTo("err");
    assertThat(broken.get("lastError").asText()).contains("same labelset");

    JsonNode alertsOnly = parse(RulesApiJson.rules(List.of(runner), "alert")).at("/data/groups/0/rules");
    assertThat(alertsOnly).hasSize(2);
    assertThatThrownBy(() -> RulesApiJson.rules(List.of(runner), "bogus"))
        .hasMessage("not supported value \"bogus\"");

    JsonNode alerts = parse(RulesApiJson.alerts(List.of(runner))).at("/data/alerts");
    assertThat(alerts).as("the failed rule's alerts are cleared").hasSize(1);
    assertThat(alerts.at("/0/state").asText()).isEqualTo("pending");
    assertThat(alerts.at("/0/labels/severity").asText()).isEqualTo("page");
  }

  @Test
  void valuesAreFormattedLikeGo() {
    assertThat(RulesApiJson.goFloat(1)).isEqualTo("1e+00");
    assertThat(RulesApiJson.goFloat(0.25)).isEqualTo("2.5e-01");
    assertThat(RulesApiJson.goFloat(-1234.5)).isEqualTo("-1.2345e+03");
    assertThat(RulesApiJson.goFloat(1e-300)).isEqualTo("1e-300");
    assertThat(RulesApiJson.goFloat(Double.NaN)).isEqualTo("NaN");
    assertThat(RulesApiJson.goFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(RulesApiJson.goFloat(0)).isEqualTo("0e+00");
  }
}
