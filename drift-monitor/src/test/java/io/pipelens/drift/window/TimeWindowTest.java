package io.pipelens.drift.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static final long SEC = 1_000_000_000L;
  private static final long MINUTE = 1_700_000_040L; // a multiple of 60 s
  private static final long T0 = (MINUTE + 40) * SEC; // 40 s into that minute

  @Test
  void windowsCloseAtMinuteBoundariesByRowTimeOrByClock() {
    ReferenceProfile ref = ReferenceProfile.of(new Streams(1, 0, 0.5).dataset(800), List.of(), ProfileOptions.DEFAULTS, "ref");
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(MINUTE + 40));
    DriftMonitor m = new DriftMonitor("churn", ref, DriftConfig.DEFAULTS, WindowPolicy.byTime(60_000, 50, 1), clock);
    Streams traffic = new Streams(2, 0, 0.5);

    assertThat(m.accept(traffic.batch(150, T0))).isEmpty();
    assertThat(m.accept(traffic.batch(150, T0 + 19 * SEC))).isEmpty();
    // a row from the next minute closes the first window (aligned to the minute)
    List<WindowVerdict> closed = m.accept(traffic.batch(20, T0 + 21 * SEC));
    assertThat(closed).singleElement().satisfies(v -> {
      assertThat(v.index()).isZero();
      assertThat(v.startUnixNano()).isEqualTo(MINUTE * SEC);
      assertThat(v.rows()).isEqualTo(300);
      assertThat(v.sufficient()).isTrue();
      assertThat(v.report().features()).hasSize(3);
      // 800-row reference and 300-row window: small enough for the exact path
      assertThat(v.report().features()).noneMatch(f -> f.approximate());
      assertThat(v.alarm()).isFalse();
    });
    // no traffic: the clock closes the second window, too small for a verdict
    clock.set(Instant.ofEpochSecond(MINUTE + 119));
    assertThat(m.tick()).isEmpty();
    clock.set(Instant.ofEpochSecond(MINUTE + 120));
    assertThat(m.tick()).hasValueSatisfying(v -> {
      assertThat(v.index()).isEqualTo(1);
      assertThat(v.rows()).isEqualTo(20);
      assertThat(v.sufficient()).isFalse();
      assertThat(v.report()).isNull();
    });
    assertThat(m.tick()).isEmpty();
  }
}
