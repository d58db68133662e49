package io.pipelens.alerts.notify.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.alerts.notify.MutableClock;
import io.pipelens.alerts.notify.alert.Matchers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilencesTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  @TempDir Path dir;
  MutableClock clock = new MutableClock(T0);

  private Silence silence(String id, String matchers, Instant start, Duration length) {
    return new Silence(id, Matchers.parse(matchers), start, start.plus(length), null, "ops@pipelens.io", "maintenance");
  }

  @Test
  void pendingActiveExpiredFollowTheClock() {
    Silences s = new Silences(clock);
    String id = s.set(silence(null, "job=\"etl\"", T0.plusSeconds(60), Duration.ofMinutes(10)));

    assertThat(s.get(id).orElseThrow().state(clock.instant())).isEqualTo(Silence.State.PENDING);
    assertThat(s.silencedBy(Map.of("job", "etl"))).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(s.silencedBy(Map.of("job", "etl", "x", "y"))).containsExactly(id);
    assertThat(s.silencedBy(Map.of("job", "other"))).isEmpty();
    clock.advance(Duration.ofMinutes(10));
    assertThat(s.get(id).orElseThrow().state(clock.instant())).isEqualTo(Silence.State.EXPIRED);
  }

  @Test
  void changingMatchersOfAnActiveSilenceCreatesANewOneAndExpiresTheOld() {
    Silences s = new Silences(clock);
    String id = s.set(silence(null, "job=\"etl\"", T0, Duration.ofHours(1)));

    String same = s.set(silence(id, "job=\"etl\"", T0, Duration.ofHours(2)));
    String changed = s.set(silence(id, "job=~\"etl|ml\"", T0, Duration.ofHours(2)));

    assertThat(same).isEqualTo(id);
    assertThat(changed).isNotEqualTo(id);
    assertThat(s.get(id).orElseThrow().state(clock.instant())).isEqualTo(Silence.State.EXPIRED);
    assertThat(s.silencedBy(Map.of("job", "ml"))).containsExactly(changed);
  }

  @Test
  void invalidSilencesAreRejectedNamingTheField() {
    Silences s = new Silences(clock);
    assertThatThrownBy(() -> s.set(silence(null, "job=~\".*\"", T0, Duration.ofHours(1))))
        .hasMessageContaining("at least one matcher must not match the empty string");
    assertThatThrownBy(() -> s.set(new Silence(null, Matchers.parse("a=\"b\""), T0, T0.plusSeconds(5), null, "", "c")))
        .hasMessageContaining("createdBy is required");
    assertThatThrownBy(() -> s.set(new Silence(null, Matchers.parse("a=\"b\""), T0, T0, null, "me", "c")))
        .hasMessageContaining("endsAt must be after startsAt");
    assertThatThrownBy(() -> s.expire("nope")).hasMessageContaining("silence nope not found");
  }

  @Test
  void silencesSurviveARestartAndExpiredOnesAreCollectedAfterRetention() throws Exception {
    Silences first = new Silences(clock, dir, Duration.ofHours(1));
    String keep = first.set(silence(null, "job=~\"etl|ml\"", T0, Duration.ofHours(8)));
    String gone = first.set(silence(null, "job=\"old\"", T0, Duration.ofMinutes(5)));
    assertThat(Files.readString(dir.resolve("silences.json"))).contains("\"isRegex\" : true").contains("ops@pipelens.io");

    Silences second = new Silences(clock, dir, Duration.ofHours(1));
    assertThat(second.list()).extracting(Silence::id).containsExactlyInAnyOrder(keep, gone);
    assertThat(second.silencedBy(Map.of("job", "ml"))).containsExactly(keep);
    assertThat(second.get(keep).orElseThrow().createdBy()).isEqualTo("ops@pipelens.io");

    clock.advance(Duration.ofHours(2));
    assertThat(second.gc()).isEqualTo(1);
    assertThat(new Silences(clock, dir, Duration.ofHours(1)).get(gone)).isEmpty();
  }
}
