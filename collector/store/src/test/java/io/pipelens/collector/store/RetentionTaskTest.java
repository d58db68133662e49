package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTaskTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Test
  void deletesWhatIsOlderThanMaxAgeAtTheClocksTime() throws Exception {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    long eightDaysAgo = nanos(NOW.minus(Duration.ofDays(8)));
    long sixDaysAgo = nanos(NOW.minus(Duration.ofDays(6)));
    store.write(
        List.of(
            TelemetryBatch.ofSpans(
                List.of(span(traceId(1), 1, "", eightDaysAgo), span(traceId(2), 2, "", sixDaysAgo)),
                10)));

    long deleted = new RetentionTask(store, CLOCK, Duration.ofDays(7), 0).runOnce();

    assertThat(deleted).isEqualTo(1);
    assertThat(store.trace(traceId(1))).isEmpty();
    assertThat(store.trace(traceId(2))).hasSize(1);
  }

  @Test
  void zeroMaxAgeKeepsEverything() throws Exception {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    store.write(List.of(TelemetryBatch.ofSpans(List.of(span(traceId(1), 1, "", 1)), 10)));

    new RetentionTask(store, CLOCK, Duration.ZERO, 0).run();

    assertThat(store.stats().spans()).isEqualTo(1);
  }

  @Test
  void runSurvivesAFailingStore() throws Exception {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    store.close();
    RetentionTask task = new RetentionTask(store, CLOCK, Duration.ofDays(1), 0);

    task.run(); // logs, does not throw

    assertThatThrownBy(task::runOnce).isInstanceOf(StoreException.class);
  }

  @Test
  void badPolicyIsRejectedByName() {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    assertThatThrownBy(() -> new RetentionTask(store, CLOCK, Duration.ofDays(-1), 0))
        .hasMessageContaining("maxAge");
    assertThatThrownBy(() -> new RetentionTask(store, CLOCK, Duration.ofDays(1), -5))
        .hasMessageContaining("maxBytes");
  }
}
