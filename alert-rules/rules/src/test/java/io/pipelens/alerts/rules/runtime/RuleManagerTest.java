package io.pipelens.alerts.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipelens.alerts.promql.InMemorySeriesSource;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.Value;
import io.pipelens.alerts.rules.RuleFileException;
import io.pipelens.alerts.rules.eval.Alert;
import io.pipelens.alerts.rules.eval.AlertState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleManagerTest {
  static final long MIN = 60_000;
  static final long T0 = 1_700_000_040_000L;
  static final String TWO_ALERTS = """
      groups:
        - name: steps
          rules:
            - record: step:errors:max
              expr: max by (step) (step_errors)
            - alert: StepFailing
              expr: step:errors:max > 0
              for: 2m
            - alert: StepSlow
              expr: step_seconds > 100
              for: 10m
        - name: other
          rules:
            - alert: Always
              expr: vector(1)
      """;

  @TempDir
  Path dir;

  // synchronized: scheduled evaluations and the test thread both touch it
  final InMemorySeriesSource raw = new InMemorySeriesSource();
  final io.pipelens.alerts.promql.SeriesSource data = (m, a, b) -> {
    synchronized (raw) {
      return raw.select(m, a, b);
    }
  };
  final io.pipelens.alerts.rules.eval.Appendable sink = (l, t, v) -> {
    synchronized (raw) {
      raw.append(l, t, v);
    }
  };
  final RecordingSender sent = new RecordingSender();

  void input(long t, double errors, double seconds) {
    sink.append(Labels.of("__name__", "step_errors", "step", "train"), t, errors);
    sink.append(Labels.of("__name__", "step_seconds", "step", "train"), t, seconds);
  }

  RuleManager manager(RuleManagerConfig config) {
    return new RuleManager(config, data, sink, sent, Clock.systemUTC());
  }

  Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  static Alert alert(RuleManager m, String name) {
    return m.groups().stream().flatMap(g -> g.alertsByRule().stream()).flatMap(List::stream)
        .filter(a -> a.labels().get("alertname").equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aRestartNeitherFiresAgainNorForgetsPendingTimers() throws Exception {
    Path rules = write("rules.yml", TWO_ALERTS);
    Path state = dir.resolve("state/alerts.json");
    RuleManagerConfig config = RuleManagerConfig.of(List.of(rules.toString())).withStateFile(state);
    try (RuleManager m = manager(config)) {
      m.start();
      for (long t = T0; t <= T0 + 2 * MIN; t += MIN) {
        input(t, 3, 500);
        m.evaluateAll(t);
      }
      assertThat(alert(m, "StepFailing").state()).isEqualTo(AlertState.FIRING);
      assertThat(alert(m, "StepSlow").state()).isEqualTo(AlertState.PENDING);
    }
    assertThat(sent.drain()).extracting(a -> a.labels().get("alertname")).containsExactlyInAnyOrder("StepFailing",
        "Always", "Always", "Always"); // Always fires at once (for 0), resent every minute; StepFailing fired at 2m
    assertThat(state).exists();

    try (RuleManager m = manager(config)) {
      m.start();
      assertThat(alert(m, "StepFailing").state()).as("restored before any evaluation").isEqualTo(AlertState.FIRING);
      input(T0 + 3 * MIN, 3, 500);
      m.evaluateAll(T0 + 3 * MIN);
      Alert firing = alert(m, "StepFailing");
      assertThat(firing.state()).isEqualTo(AlertState.FIRING);
      assertThat(firing.firedAtMs()).as("not fired again").isEqualTo(T0 + 2 * MIN);
      assertThat(sent.drain()).filteredOn(a -> a.labels().get("alertname").equals("StepFailing")).singleElement()
          .satisfies(a -> assertThat(a.startsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2 * MIN)));
      // StepSlow became pending at T0: fires at T0 + 10m, not 10 m after the restart
      for (long t = T0 + 4 * MIN; t <= T0 + 10 * MIN; t += MIN) {
        input(t, 3, 500);
        m.evaluateAll(t);
      }
      Alert slow = alert(m, "StepSlow");
      assertThat(slow.state()).isEqualTo(AlertState.FIRING);
      assertThat(slow.activeAtMs()).isEqualTo(T0);
      assertThat(slow.firedAtMs()).isEqualTo(T0 + 10 * MIN);
    }
  }

  @Test
  void anUnreadableStateFileStopsStartNamingTheFile() throws Exception {
    Path state = write("alerts.json", "{broken");
    assertThatThrownBy(() -> manager(RuleManagerConfig.of(List.of()).withStateFile(state)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(state.toString());
  }

  @Test
  void aBadFileAtStartFailsNamingFileLineAndProblem() throws Exception {
    Path bad = write("bad.yml", """
        groups:
          - name: g
            rules:
              - alert: X
                expr: rate(x[5m]
        """);
    try (RuleManager m = manager(RuleManagerConfig.of(List.of(bad.toString())))) {
      assertThatThrownBy(m::start).isInstanceOf(RuleFileException.class)
          .hasMessageContaining(bad.toString()).hasMessageContaining("5:");
    }
  }

  @Test
  void reloadRefusesABadFileKeepsOldRulesAndKeepsStateOfUnchangedGroups() throws Exception {
    Path rules = write("rules.yml", TWO_ALERTS);
    try (RuleManager m = manager(RuleManagerConfig.of(List.of(dir.resolve("*.yml").toString())))) {
      m.start();
      input(T0, 3, 500);
      m.evaluateAll(T0);
      GroupRunner steps = m.groups().get(0);
      Alert before = alert(m, "StepFailing");

      write("more.yml", "groups:\n  - name: extra\n    rules:\n      - record: x\n        expr: vector(2)\n        for: 1m\n");
      ReloadResult refused = m.reload();
      assertThat(refused.successful()).isFalse();
      assertThat(m.lastReloadSuccessful()).isFalse();
      assertThat(refused.errors()).anySatisfy(e -> assertThat(e).contains(dir.resolve("more.yml").toString())
          .contains("extra").contains("for"));
      assertThat(m.groups()).extracting(g -> g.group().name()).containsExactly("steps", "other");

      write("more.yml", "groups:\n  - name: extra\n    rules:\n      - record: x\n        expr: vector(2)\n");
      Files.writeString(rules, TWO_ALERTS.replace("expr: vector(1)", "expr: vector(7)"));
      ReloadResult ok = m.reload();
      assertThat(ok.successful()).isTrue();
      assertThat(ok.groups()).isEqualTo(3);
      assertThat(m.lastReloadSuccessful()).isTrue();
      assertThat(m.groups()).extracting(g -> g.group().name()).containsExactly("extra", "steps", "other");
      assertThat(m.groups().get(1)).as("unchanged group keeps its runner").isSameAs(steps);
      assertThat(alert(m, "StepFailing")).isEqualTo(before);
      assertThat(alert(m, "Always").state()).as("changed group keeps its alert state").isEqualTo(AlertState.FIRING);

      Files.delete(dir.resolve("more.yml"));
      assertThat(m.reload().groups()).isEqualTo(2);
    }
  }

  @Test
  void groupsRunOnTheirIntervalAndAFileChangeIsPickedUp() throws Exception {
    Path rules = write("sub/fast.yml", """
        groups:
          - name: fast
            interval: 200ms
            rules:
              - record: answer
                expr: vector(42)
        """);
    try (RuleManager m = manager(RuleManagerConfig.of(List.of(dir.resolve("sub/*.yml").toString()))
        .withWatchIntervalMs(100))) {
      m.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> m.groups().get(0).evaluations() >= 3);
      GroupRunner g = m.groups().get(0);
      assertThat(g.lastEvaluationMs() % 200).as("evaluation timestamps stay on the interval's grid")
          .isEqualTo(Math.floorMod((long) g.key().hashCode(), 200L));
      assertThat(query("answer", g.lastEvaluationMs())).isEqualTo(42);

      Files.writeString(rules, Files.readString(rules).replace("vector(42)", "vector(43)"));
      await().atMost(Duration.ofSeconds(10)).until(() -> m.groups().get(0) != g
          && m.groups().get(0).lastEvaluationMs() > 0);
      long t = m.groups().get(0).lastEvaluationMs();
      assertThat(query("answer", t)).isEqualTo(43);
      assertThat(m.groups().get(0).file()).isEqualTo(rules.toAbsolutePath().toString());
    }
  }

  double query(String expr, long t) {
    Value.Vector v = (Value.Vector) new PromqlEngine(data).instantQuery(expr, t).value();
    return v.samples().get(0).v();
  }

  @Test
  void defaultRulesCanBeIncluded() {
    try (RuleManager m = manager(new RuleManagerConfig(List.of(), true, MIN, MIN, "", Map.of(), null, 0))) {
      m.start();
      assertThat(m.groups()).extracting(GroupRunner::key).contains("classpath:/rules/pipelines.yml;pipelens-pipelines");
      m.evaluateAll(T0);
      assertThat(m.groups()).allSatisfy(g -> assertThat(g.ruleErrors()).allMatch(String::isEmpty));
    }
  }
}
