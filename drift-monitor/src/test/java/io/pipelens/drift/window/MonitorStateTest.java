package io.pipelens.drift.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.MethodChoice;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.samples.SampleBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorStateTest {
  private final ReferenceProfile reference = ReferenceProfile.of(
      new Streams(21, 0, 0.5).dataset(3000), List.of(), new ProfileOptions(500, 1000, 5), "train.csv");
  private final DriftConfig config = new DriftConfig(MethodChoice.AUTO,
      Map.of("y", new MethodChoice(DriftMethod.KS, 0.01)), 0.5, 1000, 5);
  private final Clock clock = new MutableClock(java.time.Instant.ofEpochSecond(1_700_000_000L));
  private final WindowPolicy policy = WindowPolicy.byRows(2500, 100, 2);

  @Test
  void restoredMonitorContinuesExactlyLikeAnUninterruptedOne(@TempDir Path dir) throws Exception {
    List<SampleBatch> batches = new ArrayList<>();
    Streams calm = new Streams(22, 0, 0.5);
    Streams drifted = new Streams(23, 0.4, 0.3);
    for (int i = 0; i < 30; i++) {
      batches.add((i < 12 ? calm : drifted).batch(350, null));
    }
    DriftMonitor uninterrupted = monitor();
    List<WindowVerdict> expected = new ArrayList<>();
    batches.forEach(b -> expected.addAll(uninterrupted.accept(b)));

    DriftMonitor first = monitor();
    List<WindowVerdict> actual = new ArrayList<>();
    for (int i = 0; i < 17; i++) { // mid-window, past the raw limit, mid-streak
      actual.addAll(first.accept(batches.get(i)));
    }
    MonitorStateCodec.save(first.snapshot(), dir.resolve("churn.json"));
    DriftMonitor resumed = DriftMonitor.restore(MonitorStateCodec.load(dir.resolve("churn.json")), clock);
    for (int i = 17; i < 30; i++) {
      actual.addAll(resumed.accept(batches.get(i)));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(expected).hasSize(4);
    assertThat(expected.get(0).alarm()).isFalse();
    assertThat(expected.get(3).alarm()).isTrue();
    assertThat(expected.get(3).report().features().get(1).method()).isEqualTo(DriftMethod.KS);
    assertThat(expected.get(3).report().features().get(1).approximate()).isTrue();
    assertThat(MonitorStateCodec.toJson(resumed.snapshot())).isEqualTo(MonitorStateCodec.toJson(uninterrupted.snapshot()));
  }

  @Test
  void referenceReplacedFromARecentWindowStopsTheAlarm() {
    DriftMonitor m = monitor();
    Streams drifted = new Streams(24, 0.6, 0.2);
    List<WindowVerdict> before = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      before.addAll(m.accept(drifted.batch(250, null)));
    }
    assertThat(before).isNotEmpty().allMatch(v -> v.report().datasetDrift());
    m.accept(drifted.batch(2000, null)); // open window of new-normal data
    m.replaceReference(m.referenceFromOpenWindow("window after retraining"));
    assertThat(m.reference().source()).isEqualTo("window after retraining");
    List<WindowVerdict> after = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      after.addAll(m.accept(drifted.batch(250, null)));
    }
    assertThat(after).hasSize(2).noneMatch(WindowVerdict::alarm);
  }

  private DriftMonitor monitor() {
    return new DriftMonitor("churn", reference, config, policy, clock);
  }
}
