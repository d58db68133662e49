package io.pipelens.drift.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Distance methods (auto-selected for references above 1000 rows) are biased upwards on small
 * samples: a 10-row window is "far" from any reference. The minimum window size and the
 * confirmation streak keep a stream without drift quiet, and still alarm on real drift.
 */
class FalseAlarmGuardTest {
  private final ReferenceProfile reference = ReferenceProfile.of(
      new Streams(1, 0, 0.5).dataset(5000), List.of(), ProfileOptions.DEFAULTS, "train.csv");

  @Test
  void tinyWindowsAlarmConstantlyOnAStreamWithoutDrift() {
    List<WindowVerdict> v = run(WindowPolicy.byRows(10, 0, 1), new Streams(2, 0, 0.5), 20_000);
    long alarms = v.stream().filter(WindowVerdict::alarm).count();
    assertThat(v).hasSize(2000);
    assertThat((double) alarms / v.size()).isGreaterThan(0.9);
  }

  @Test
  void minimumSizeAndConfirmationKeepTheSameStreamQuiet() {
    List<WindowVerdict> v = run(WindowPolicy.byRows(1000, 500, 2), new Streams(2, 0, 0.5), 20_000);
    assertThat(v).hasSize(20).allMatch(WindowVerdict::sufficient);
    assertThat(v).noneMatch(WindowVerdict::alarm);
    assertThat(v).noneMatch(w -> w.report().datasetDrift());
  }

  @Test
  void guardedMonitorStillAlarmsOnRealDriftAfterConfirmation() {
    List<WindowVerdict> v = run(WindowPolicy.byRows(1000, 500, 2), new Streams(3, 0.5, 0.2), 5000);
    assertThat(v).hasSize(5);
    assertThat(v.get(0).report().datasetDrift()).isTrue();
    assertThat(v.get(0).alarm()).isFalse();
    assertThat(v.subList(1, 5)).allMatch(WindowVerdict::alarm);
  }

  private List<WindowVerdict> run(WindowPolicy policy, Streams traffic, int rows) {
    DriftMonitor m = new DriftMonitor("churn", reference, DriftConfig.DEFAULTS, policy, Clock.systemUTC());
    List<WindowVerdict> out = new ArrayList<>();
    for (int sent = 0; sent < rows; sent += 100) {
      out.addAll(m.accept(traffic.batch(100, null)));
    }
    return out;
  }
}
