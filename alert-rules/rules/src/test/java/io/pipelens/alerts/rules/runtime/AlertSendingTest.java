package io.pipelens.alerts.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.rules.RuleFileParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's sending rules: what reaches the notifier after each evaluation, and when. */
class AlertSendingTest {
  static final long MIN = 60_000;
  static final long T0 = 1_700_000_040_000L;
  static final String RULES = """
      groups:
        - name: pipelines
          interval: 30s
          rules:
            - alert: StepFailing
              expr: step_errors > 0
              for: 1m
              labels: {severity: page}
              annotations: {summary: "{{ $labels.step }} failing"}
      """;

  final InMemorySeriesSource data = new InMemorySeriesSource();
  final RecordingSender sent = new RecordingSender();
  final RuleManagerConfig config = new RuleManagerConfig(List.of(), false, MIN, MIN, "https://pipelens.example/",
      Map.of("env", "prod"), null, 0);
  final GroupRunner runner = new GroupRunner("rules.yml",
      RuleFileParser.parse("rules.yml", RULES).groups().get(0), config, data, data::append);

  void at(long t, double errors) {
    data.append(Labels.of("__name__", "step_errors", "step", "train"), t, errors);
    runner.evaluate(t, sent);
  }

  @Test
  void firingAlertsAreSentAtMostEveryResendDelayWithEndsAtFourIntervalsAhead() {
    at(T0, 1);
    assertThat(sent.drain()).as("pending alerts are not sent").isEmpty();
    at(T0 + 30_000, 1);
    assertThat(sent.drain()).isEmpty();
    at(T0 + MIN, 1); // fires
    List<OutgoingAlert> first = sent.drain();
    assertThat(first).singleElement().satisfies(a -> {
      assertThat(a.labels()).isEqualTo(Map.of("alertname", "StepFailing", "severity", "page", "step", "train",
          "env", "prod"));
      assertThat(a.annotations()).containsEntry("summary", "train failing");
      assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + MIN));
      assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + MIN + 4 * MIN)); // 4 x max(1m resend, 30s)
      assertThat(a.generatorURL()).isEqualTo("https://pipelens.example/graph?g0.expr=step_errors+%3E+0&g0.tab=1");
    });
    at(T0 + 90_000, 1);
    assertThat(sent.drain()).as("within the resend delay").isEmpty();
    at(T0 + 2 * MIN, 1);
    assertThat(sent.drain()).singleElement().satisfies(a -> {
      assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + MIN));
      assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 6 * MIN));
    });
  }

  @Test
  void resolvedAlertsAreSentAtOnceThenResentForFifteenMinutes() {
    at(T0, 1);
    at(T0 + MIN, 1);
    at(T0 + 90_000, 1);
    sent.drain();
    at(T0 + 2 * MIN, 0); // resolves; sent although the resend delay has not passed since 1m30s... (last sent at 1m)
    assertThat(sent.drain()).singleElement().satisfies(a -> {
      assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2 * MIN));
      assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + MIN));
    });
    at(T0 + 150_000, 0);
    assertThat(sent.drain()).as("resolved, within resend delay").isEmpty();
    int resends = 0;
    for (long t = T0 + 3 * MIN; t <= T0 + 20 * MIN; t += 30_000) {
      at(t, 0);
      List<OutgoingAlert> out = sent.drain();
      if (!out.isEmpty()) {
        resends++;
        assertThat(out).singleElement().satisfies(a -> assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2 * MIN)));
        assertThat(t).as("kept 15 minutes after resolving").isLessThanOrEqualTo(T0 + 17 * MIN);
      }
    }
    assertThat(resends).isEqualTo(15);
    assertThat(runner.alertsByRule().get(0)).as("forgotten after 15 minutes").isEmpty();
  }

  @Test
  void anAlertResolvedWithinTheResendDelayIsStillSentAsResolved() {
    at(T0, 1);
    at(T0 + MIN, 1);
    assertThat(sent.drain()).hasSize(1);
    at(T0 + 90_000, 0);
    assertThat(sent.drain()).singleElement()
        .satisfies(a -> assertThat(a.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 90_000)));
  }

  @Test
  void aSenderThatThrowsDoesNotStopEvaluation() {
    data.append(Labels.of("__name__", "step_errors", "step", "train"), T0, 1);
    runner.evaluate(T0, alerts -> {
      throw new IllegalStateException("notifier down");
    });
    data.append(Labels.of("__name__", "step_errors", "step", "train"), T0 + MIN, 1);
    runner.evaluate(T0 + MIN, alerts -> {
      throw new IllegalStateException("notifier down");
    });
    assertThat(runner.alertsByRule().get(0)).singleElement()
        .satisfies(a -> assertThat(a.state().label()).isEqualTo("firing"));
    at(T0 + 90_000, 1);
    assertThat(sent.drain()).as("as in Prometheus, a handed-over alert counts as sent").isEmpty();
    at(T0 + 2 * MIN, 1);
    assertThat(sent.drain()).hasSize(1);
  }
}
