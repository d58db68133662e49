package io.pipelens.alerts.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.Value;
import io.pipelens.alerts.rules.RuleFileParser;
import io.pipelens.alerts.rules.RuleGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleGroupEvaluatorTest {
  static final long MIN = 60_000;
  final InMemorySeriesSource data = new InMemorySeriesSource();

  static RuleGroup group(String yaml) {
    return RuleFileParser.parse("test.yml", yaml).groups().get(0);
  }

  static final String FAILING_STEP = """
      groups:
        - name: g
          rules:
            - alert: StepFailing
              expr: step_errors > 0
              for: 2m
              keep_firing_for: 3m
              labels: {severity: page, step_upper: "{{ $labels.step | toUpper }}"}
              annotations:
                summary: "{{ $labels.step }} failed {{ $value | humanize }} times ({{ $externalLabels.env }})"
      """;

  RuleGroupEvaluator evaluator(String yaml) {
    return new RuleGroupEvaluator(group(yaml), data, data::append,
        new EvalSettings(Map.of("env", "prod"), "http://x", EvalSettings.DEFAULTS.engine()));
  }

  void errors(long t, double v) {
    data.append(Labels.of("__name__", "step_errors", "step", "train"), t, v);
  }

  double query(String expr, long t) {
    Value.Vector v = (Value.Vector) new PromqlEngine(data).instantQuery(expr, t).value();
    return v.samples().isEmpty() ? Double.NaN : v.samples().get(0).v();
  }

  @Test
  void pendingThenFiringAfterForThenKeptFiringThenResolved() {
    RuleGroupEvaluator ev = evaluator(FAILING_STEP);
    errors(0, 0);
    assertThat(ev.evaluate(0).errors()).isEmpty();
    assertThat(ev.alerts()).isEmpty();

    errors(MIN, 1234);
    ev.evaluate(MIN);
    Alert a = ev.alerts("StepFailing").get(0);
    assertThat(a.state()).isEqualTo(AlertState.PENDING);
    assertThat(a.labels()).isEqualTo(Labels.of("alertname", "StepFailing", "severity", "page", "step", "train",
        "step_upper", "TRAIN"));
    assertThat(a.annotations()).containsEntry("summary", "train failed 1.234k times (prod)");
    assertThat(query("ALERTS{alertstate=\"pending\"}", MIN)).isEqualTo(1);
    assertThat(query("ALERTS_FOR_STATE", MIN)).isEqualTo(60);

    errors(2 * MIN, 5);
    ev.evaluate(2 * MIN);
    assertThat(ev.alerts().get(0).state()).isEqualTo(AlertState.PENDING);
    errors(3 * MIN, 5);
    ev.evaluate(3 * MIN);
    assertThat(ev.alerts().get(0).state()).isEqualTo(AlertState.FIRING);
    assertThat(ev.alerts().get(0).firedAtMs()).isEqualTo(3 * MIN);
    assertThat(query("ALERTS{alertstate=\"firing\"}", 3 * MIN)).isEqualTo(1);
    assertThat(query("ALERTS{alertstate=\"pending\"}", 3 * MIN)).as("stale marker ends the pending series").isNaN();

    errors(4 * MIN, 0);
    for (long t = 4; t <= 6; t++) {
      ev.evaluate(t * MIN);
      assertThat(ev.alerts().get(0).state()).as("kept firing at %dm", t).isEqualTo(AlertState.FIRING);
    }
    ev.evaluate(7 * MIN);
    Alert resolved = ev.alerts().get(0);
    assertThat(resolved.state()).isEqualTo(AlertState.INACTIVE);
    assertThat(resolved.resolvedAtMs()).isEqualTo(7 * MIN);
    assertThat(query("ALERTS", 7 * MIN)).isNaN();

    ev.evaluate(7 * MIN + AlertingRuleState.RESOLVED_RETENTION_MS + 1);
    assertThat(ev.alerts()).as("resolved alerts are forgotten after 15 minutes").isEmpty();
  }

  @Test
  void pendingAlertThatVanishesIsDroppedAndRestartsItsTimer() {
    RuleGroupEvaluator ev = evaluator(FAILING_STEP);
    errors(0, 1);
    ev.evaluate(0);
    errors(MIN, 0);
    ev.evaluate(MIN);
    assertThat(ev.alerts()).isEmpty();
    errors(2 * MIN, 1);
    ev.evaluate(2 * MIN);
    assertThat(ev.alerts().get(0).activeAtMs()).isEqualTo(2 * MIN);
  }

  @Test
  void recordingRuleOutputIsVisibleToLaterRulesOfTheSameEvaluation() {
    RuleGroupEvaluator ev = evaluator("""
        groups:
          - name: g
            rules:
              - record: step:errors:sum
                expr: sum by (step) (step_errors)
                labels: {origin: recorded}
              - alert: FromRecorded
                expr: step:errors:sum > 2
        """);
    errors(0, 3);
    ev.evaluate(0);
    assertThat(query("step:errors:sum{origin=\"recorded\"}", 0)).isEqualTo(3);
    assertThat(ev.alerts("FromRecorded")).singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));
  }

  @Test
  void groupLimitFailsTheRuleAndClearsItsAlerts() {
    RuleGroupEvaluator ev = evaluator("""
        groups:
          - name: g
            limit: 1
            rules:
              - alert: Many
                expr: step_errors > 0
        """);
    data.append(Labels.of("__name__", "step_errors", "step", "a"), 0, 1);
    data.append(Labels.of("__name__", "step_errors", "step", "b"), 0, 1);
    GroupResult r = ev.evaluate(0);
    assertThat(r.errors()).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("exceeded limit of 1 with 2 alerts"));
    assertThat(ev.alerts()).isEmpty();
  }

  @Test
  void duplicateLabelSetsAfterRuleLabelsAreAnError() {
    RuleGroupEvaluator ev = evaluator("""
        groups:
          - name: g
            rules:
              - record: flat
                expr: step_errors
                labels: {step: same}
        """);
    data.append(Labels.of("__name__", "step_errors", "step", "a"), 0, 1);
    data.append(Labels.of("__name__", "step_errors", "step", "b"), 0, 1);
    assertThat(ev.evaluate(0).errors()).singleElement().satisfies(e -> assertThat(e.message())
        .isEqualTo("vector contains metrics with the same labelset after applying rule labels"));
  }

  @Test
  void restartFromJsonKeepsFiringAlertsFiringAndPendingTimersRunning() {
    RuleGroupEvaluator before = evaluator(FAILING_STEP);
    data.append(Labels.of("__name__", "step_errors", "step", "train"), 0, 1);
    data.append(Labels.of("__name__", "step_errors", "step", "eval"), 2 * MIN, 1);
    for (long t = 0; t <= 2; t++) {
      data.append(Labels.of("__name__", "step_errors", "step", "train"), t * MIN, 1);
      before.evaluate(t * MIN);
    }
    assertThat(before.alerts()).extracting(Alert::state).containsExactlyInAnyOrder(AlertState.FIRING, AlertState.PENDING);
    String json = AlertSnapshotJson.write(before.snapshot());

    RuleGroupEvaluator after = evaluator(FAILING_STEP);
    after.restore(AlertSnapshotJson.read(json));
    assertThat(after.alerts()).isEqualTo(before.alerts());
    data.append(Labels.of("__name__", "step_errors", "step", "train"), 3 * MIN, 1);
    data.append(Labels.of("__name__", "step_errors", "step", "eval"), 3 * MIN, 1);
    after.evaluate(3 * MIN);
    Alert train = after.alerts().stream().filter(a -> a.labels().get("step").equals("train")).findFirst().orElseThrow();
    Alert eval = after.alerts().stream().filter(a -> a.labels().get("step").equals("eval")).findFirst().orElseThrow();
    assertThat(train.state()).as("no new pending phase after restart").isEqualTo(AlertState.FIRING);
    assertThat(train.firedAtMs()).as("not re-fired").isEqualTo(2 * MIN);
    assertThat(eval.state()).isEqualTo(AlertState.PENDING);
    data.append(Labels.of("__name__", "step_errors", "step", "eval"), 4 * MIN, 1);
    after.evaluate(4 * MIN);
    assertThat(after.alerts().stream().filter(a -> a.labels().get("step").equals("eval")).findFirst().orElseThrow()
        .state()).as("pending timer started before the restart").isEqualTo(AlertState.FIRING);
  }

  @Test
  void snapshotJsonRejectsGarbageWithAClearMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertSnapshotJson.read("{\"group\": 1}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"group\"");
  }

  @Test
  void templateErrorsBecomeVisibleTextNotFailures() {
    RuleGroupEvaluator ev = evaluator("""
        groups:
          - name: g
            rules:
              - alert: X
                expr: vector(1)
                annotations: {a: "{{ humanize \\"abc\\" }}"}
        """);
    assertThat(ev.evaluate(0).errors()).isEmpty();
    assertThat(ev.alerts().get(0).annotations().get("a")).startsWith("<error expanding template: ");
    assertThat(List.of(ev.alerts().get(0).labels().get("alertname"))).containsExactly("X");
  }

  @Test
  void queryOffsetEvaluatesAndWritesInThePast() {
    RuleGroupEvaluator ev = evaluator("""
        groups:
          - name: g
            query_offset: 1m
            rules:
              - record: late
                expr: step_errors
        """);
    errors(0, 7);
    errors(MIN, 9);
    ev.evaluate(MIN);
    Value.Vector v = (Value.Vector) new PromqlEngine(data).instantQuery("late", MIN).value();
    assertThat(v.samples()).singleElement().satisfies(s -> assertThat(s.v()).isEqualTo(7));
    assertThat(new PromqlEngine(data).instantQuery("timestamp(late)", MIN).value())
        .isInstanceOfSatisfying(Value.Vector.class, t -> assertThat(t.samples().get(0).v()).isZero());
  }
}
