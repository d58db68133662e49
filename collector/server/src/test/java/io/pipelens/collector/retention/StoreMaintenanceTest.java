package io.pipelens.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes data older than max-age from the real store, on a worker thread. */
class StoreMaintenanceTest {
  @TempDir Path dir;

  private static SpanRecord span(String traceId, long startNanos) {
    return new SpanRecord(traceId, "0000000000000001", "", "", 0, "s", 1, startNanos,
        startNanos + 1000, 0, "", "svc", "java", Map.of(), "", "", Map.of(), List.of(), List.of());
  }

  @Test
  void retentionDeletesOnlyDataOlderThanMaxAge() throws Exception {
    Instant now = Instant.parse("2026-11-20T12:00:00Z");
    long nowNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond());
    Vertx vertx = Vertx.vertx();
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir)) {
      store.write(List.of(TelemetryBatch.ofSpans(List.of(
          span("0000000000000000000000000000000a", nowNanos - Duration.ofDays(10).toNanos()),
          span("0000000000000000000000000000000b", nowNanos - Duration.ofHours(1).toNanos())), 100)));
      StoreMaintenance maintenance = new StoreMaintenance(vertx, store,
          new CollectorConfig.Retention(Duration.ofDays(7), 0, Duration.ofMinutes(5)),
          Clock.fixed(now, ZoneOffset.UTC), new SimpleMeterRegistry());
      long deleted = maintenance.applyRetention().toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      maintenance.stop();
      assertThat(deleted).isPositive();
      assertThat(store.trace("0000000000000000000000000000000a")).isEmpty();
      assertThat(store.trace("0000000000000000000000000000000b")).hasSize(1);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
