package io.pipelens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: a separate JVM writes through the group-commit writer and prints each
 * acknowledged batch; we SIGKILL it mid-stream, reopen the store and find every acknowledged span.
 */
class DurabilityTest {
  @TempDir Path directory;

  @Test
  void everyAcknowledgedSpanSurvivesKillDashNine() throws Exception {
    Path data = directory.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process worker =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityWorkerMain.class.getName(),
                data.toString(),
                "1000000")
            .redirectError(directory.resolve("worker.err").toFile())
            .start();
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    Thread reader = new Thread(() -> readAcks(worker, acked), "ack-reader");
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .failFast("worker exited early", () -> !worker.isAlive())
          .until(() -> acked.size() >= 200);
      assertThat(Files.exists(data.resolve(DuckDbTelemetryStore.FILE_NAME + ".wal")))
          .as("recent commits are still only in the WAL, so recovery replays it")
          .isTrue();
    } finally {
      worker.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no checkpoint
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
    }
    assertThat(worker.exitValue()).isEqualTo(137);

    List<Long> missing = new ArrayList<>();
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(data)) {
      for (long id : acked) {
        List<SpanRecord> spans = store.trace(TelemetryFixtures.traceId(id));
        if (spans.size() != DurabilityWorkerMain.SPANS_PER_BATCH) {
          missing.add(id);
        }
      }
      assertThat(missing).as("acknowledged batches missing after kill -9").isEmpty();
      assertThat(store.stats().spans())
          .isGreaterThanOrEqualTo((long) acked.size() * DurabilityWorkerMain.SPANS_PER_BATCH);
    }
  }

  private static void readAcks(Process worker, Set<Long> acked) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.substring(4).trim()));
        }
      }
    } catch (java.io.IOException e) {
      // The worker was killed; what was read so far is what counts.
    }
  }
}
