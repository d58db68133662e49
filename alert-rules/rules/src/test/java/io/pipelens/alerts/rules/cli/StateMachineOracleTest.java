package io.pipelens.alerts.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert state machine, ALERTS/ALERTS_FOR_STATE series, templates ($labels, $externalLabels,
 * $externalURL, range, humanize*), group_eval_order and recording rules feeding alerts: our runner
 * and Debian's promtool on the same scenario, both passing; and on a copy with wrong expectations,
 * both failing with the same text.
 */
class StateMachineOracleTest {
  static final Path SCENARIO = Path.of("src/test/resources/oracle/state-machine-test.yml");

  @TempDir Path tmp;

  @BeforeAll
  static void needPromtool() {
    assumeTrue(Promtool.installed(), "promtool not installed (Debian package prometheus)");
  }

  @Test
  void scenarioPassesUnderBoth() throws Exception {
    Promtool.Run ours = Promtool.ours("test", SCENARIO);
    Promtool.Run theirs = Promtool.promtool("test", SCENARIO);
    assertThat(theirs.exitCode()).as("promtool:\n%s", theirs.stderr()).isZero();
    assertThat(ours.exitCode()).as("ours:\n%s", ours.stderr()).isZero();
  }

  @Test
  void wrongExpectationsFailIdentically() throws Exception {
    Files.copy(SCENARIO.resolveSibling("state-machine.yml"), tmp.resolve("state-machine.yml"));
    String wrong = Files.readString(SCENARIO)
        .replace("eval_time: 11m\n        exp_samples:", "eval_time: 12m\n        exp_samples:")
        .replace("eval_time: 5m\n        alertname: Flapping\n        exp_alerts: [{}]",
            "eval_time: 5m\n        alertname: Flapping\n        exp_alerts: []")
        .replace("value: 120", "value: 180")
        .replace("eval_time: 12m\n        alertname: Down\n        exp_alerts: []", "eval_time: 12m\n        alertname: Down\n"
            + "        exp_alerts: [{exp_labels: {job: api, severity: page, where: api-eu1}}]");
    Path file = Files.writeString(tmp.resolve("state-machine-test.yml"), wrong);
    Promtool.Run ours = Promtool.ours("test", file);
    Promtool.Run theirs = Promtool.promtool("test", file);
    assertThat(theirs.exitCode()).isEqualTo(1);
    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).contains("alertname: Flapping, time: 5m", "alertname: Down, time: 12m",
        "ALERTS_FOR_STATE", "ALERTS{alertname=\\\"Down\\\"}\", time: 12m").isEqualTo(theirs.stderr());
  }

  @Test
  void ruleEvaluationErrorsStopTheTestGroupIdentically() throws Exception {
    Files.writeString(tmp.resolve("lim.yml"), """
        groups:
          - name: g
            limit: 1
            rules:
              - alert: Many
                expr: x > 0
        """);
    Path file = Files.writeString(tmp.resolve("lim-test.yml"), """
        rule_files: [lim.yml]
        tests:
          - input_series:
              - {series: 'x{a="1"}', values: '1x3'}
              - {series: 'x{a="2"}', values: '1x3'}
            alert_rule_test:
              - {eval_time: 1m, alertname: Many, exp_alerts: []}
        """);
    Promtool.Run ours = Promtool.ours("test", file);
    Promtool.Run theirs = Promtool.promtool("test", file);
    assertThat(ours.exitCode()).isEqualTo(1).isEqualTo(theirs.exitCode());
    assertThat(ours.stderr()).contains("    rule: Many, time: 0s, err: exceeded limit of 1 with 2 alerts")
        .isEqualTo(theirs.stderr());
  }

  @Test
  void groupEvalOrderDecidesWhetherRecordedSeriesAreSeenInTheSameRound() throws Exception {
    Files.copy(SCENARIO.resolveSibling("state-machine.yml"), tmp.resolve("state-machine.yml"));
    Path file = Files.writeString(tmp.resolve("order-test.yml"),
        Files.readString(SCENARIO).replace("group_eval_order: [first, alerts]", "group_eval_order: [alerts, first]"));
    Promtool.Run ours = Promtool.ours("test", file);
    Promtool.Run theirs = Promtool.promtool("test", file);
    assertThat(ours.exitCode()).isEqualTo(1).isEqualTo(theirs.exitCode());
    assertThat(ours.stderr()).contains("alertname: Down, time: 5m").isEqualTo(theirs.stderr());
  }
}
