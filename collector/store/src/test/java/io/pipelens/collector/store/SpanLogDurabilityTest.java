package io.pipelens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable through the span log too: a separate JVM writes through the
 * group-commit writer into a span log over DuckDB while loads run; we SIGKILL it, reopen, and find
 * every acknowledged span exactly once (loaded ones not replayed again, logged ones replayed).
 */
class SpanLogDurabilityTest {
  @TempDir Path directory;

  @Test
  void everyAcknowledgedSpanSurvivesKillDashNineExactlyOnce() throws Exception {
    Path data = directory.resolve("data");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process worker =
        new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SpanLogDurabilityWorkerMain.class.getName(), data.toString(), "1000000")
            .redirectError(directory.resolve("worker.err").toFile())
            .start();
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    AtomicLong loads = new AtomicLong();
    Thread reader = new Thread(() -> readAcks(worker, acked, loads), "ack-reader");
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(20))
          .failFast("worker exited early", () -> !worker.isAlive())
          .until(() -> loads.get() >= 2 && acked.size() >= 2_000);
    } finally {
      worker.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no final load
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);
    }
    assertThat(worker.exitValue()).isEqualTo(137);

    List<String> wrong = new ArrayList<>();
    try (SpanLogStore store = SpanLogStore.open(data.resolve("span-log"),
        DuckDbTelemetryStore.open(data), SpanLogDurabilityWorkerMain.SETTINGS,
        SpanLogStore.Listener.NONE)) {
      for (long id : acked) {
        int n = store.trace(TelemetryFixtures.traceId(id)).size();
        if (n != DurabilityWorkerMain.SPANS_PER_BATCH) {
          wrong.add("batch " + id + ": " + n + " spans");
        }
      }
      assertThat(wrong).as("acknowledged batches missing or doubled after kill -9").isEmpty();
      assertThat(store.tailSpans()).as("replayed into the store at open").isZero();
      long spans = store.stats().spans();
      assertThat(spans).isGreaterThanOrEqualTo((long) acked.size() * DurabilityWorkerMain.SPANS_PER_BATCH);
      assertThat(spans % DurabilityWorkerMain.SPANS_PER_BATCH).as("whole batches only").isZero();
    }
  }

  private static void readAcks(Process worker, Set<Long> acked, AtomicLong loads) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.substring(4).trim()));
        } else if (line.startsWith("LOADED ")) {
          loads.incrementAndGet();
        }
      }
    } catch (java.io.IOException e) {
      // The worker was killed; what was read so far is what counts.
    }
  }
}
