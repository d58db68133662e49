package io.pipelens.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.drift.config.ActionSpec;
import io.pipelens.drift.config.RetrainPolicy;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.report.DriftReport;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.window.WindowVerdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainGateTest {
  static final List<ActionSpec> ACTIONS = List.of(new ActionSpec.Command(List.of("true"),
      Duration.ofSeconds(1), java.util.Map.of()));

  /** A sufficient window of 500 rows in which the named features drifted (of age, income, country). */
  static WindowVerdict window(long index, String... drifted) {
    List<String> d = List.of(drifted);
    List<FeatureDrift> features = List.of("age", "income", "country").stream()
        .map(f -> new FeatureDrift(f, FeatureType.NUMERIC, DriftMethod.KS, 0.3,
            d.contains(f) ? 0.001 : 0.5, 0.05, d.contains(f), 1000, 500, false, null, null))
        .toList();
    return new WindowVerdict(index, 0, 500, true, DriftReport.of(features, 0.5), 0, false);
  }

  @Test
  void firesAfterConsecutiveDriftedWindowsWithEnoughRowsThenRespectsCooldown() {
    RetrainGate gate = new RetrainGate(new RetrainPolicy(true, List.of(), 2, 1000,
        Duration.ofMinutes(10), ACTIONS));
    RetrainGate.Decision d1 = gate.observe(RetrainGate.Streak.NONE, window(0, "age", "income"), -1, 0);
    assertThat(d1.fire()).isFalse();
    assertThat(d1.why()).isEqualTo("consecutive_windows");
    // a calm window restarts the count
    RetrainGate.Decision calm = gate.observe(d1.streak(), window(1, "age"), -1, 0);
    assertThat(calm.streak()).isEqualTo(RetrainGate.Streak.NONE);
    RetrainGate.Decision a = gate.observe(calm.streak(), window(2, "age", "income"), -1, 0);
    RetrainGate.Decision b = gate.observe(a.streak(), window(3, "age", "income"), -1, 0);
    assertThat(b.fire()).isTrue();
    assertThat(b.why()).isEqualTo("dataset_drift");
    assertThat(b.streak()).isEqualTo(new RetrainGate.Streak(2, 1000));
    // 5 minutes after a trigger: held back by the cooldown; after 10 minutes it fires again
    RetrainGate.Decision held = gate.observe(b.streak(), window(4, "age", "income"), 0, 300_000);
    assertThat(held.fire()).isFalse();
    assertThat(held.why()).isEqualTo("cooldown");
    assertThat(gate.observe(held.streak(), window(5, "age", "income"), 0, 600_000).fire()).isTrue();
  }

  @Test
  void minSamplesHoldsBackUntilTheStreakHasEnoughRows() {
    RetrainGate gate = new RetrainGate(new RetrainPolicy(true, List.of(), 1, 1200,
        Duration.ZERO, ACTIONS));
    RetrainGate.Decision d = gate.observe(RetrainGate.Streak.NONE, window(0, "age", "income"), -1, 0);
    assertThat(d.fire()).isFalse();
    assertThat(d.why()).isEqualTo("min_samples");
    d = gate.observe(d.streak(), window(1, "age", "income"), -1, 0);
    assertThat(d.fire()).isFalse();
    assertThat(gate.observe(d.streak(), window(2, "age", "income"), -1, 0).fire()).isTrue();
  }

  @Test
  void namedFeatureTriggersWithoutDatasetDriftAndInsufficientWindowsChangeNothing() {
    RetrainGate gate = new RetrainGate(new RetrainPolicy(false, List.of("country"), 1, 0,
        Duration.ZERO, ACTIONS));
    assertThat(gate.observe(RetrainGate.Streak.NONE, window(0, "age", "income"), -1, 0).fire())
        .as("dataset drift, but only country counts").isFalse();
    RetrainGate.Decision d = gate.observe(RetrainGate.Streak.NONE, window(1, "country"), -1, 0);
    assertThat(d.fire()).isTrue();
    assertThat(d.why()).isEqualTo("features [country]");
    RetrainGate.Streak s = new RetrainGate.Streak(3, 900);
    WindowVerdict tiny = new WindowVerdict(9, 0, 3, false, null, 0, false);
    assertThat(gate.observe(s, tiny, -1, 0).streak()).isEqualTo(s);
  }
}
