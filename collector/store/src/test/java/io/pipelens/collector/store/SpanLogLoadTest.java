package io.pipelens.collector.store;

import static io.pipelens.collector.store.SpanLogRecoveryTest.batch;
import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader at work: bounded memory and reads while loads are in flight. */
class SpanLogLoadTest {
  @TempDir Path dir;

  @Test
  void aFullTailMakesWritesWaitForTheLoader() throws Exception {
    HeldTarget target = new HeldTarget();
    target.hold();
    SpanLogSettings settings =
        new SpanLogSettings(10, Duration.ofHours(1), 20, 1L << 30, 1 << 20);
    try (SpanLogStore store = SpanLogStore.open(dir, target, settings, SpanLogStore.Listener.NONE)) {
      store.write(List.of(batch(1, 10)));
      await().atMost(Duration.ofSeconds(10)).until(() -> target.loadsEntered.get() == 1);
      store.write(List.of(batch(2, 10))); // the tail reaches its bound of 20

      CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
        try {
          store.write(List.of(batch(3, 10)));
        } catch (StoreException e) {
          throw new RuntimeException(e);
        }
      });
      await().atMost(Duration.ofSeconds(10))
          .until(() -> store.trace(traceId(2)).size() == 10 && !third.isDone());
      assertThat(third).as("waits while the load is held").isNotDone();
      assertThat(store.tailSpans()).isEqualTo(20);
      assertThat(store.trace(traceId(3))).isEmpty();

      target.release();

      third.get(10, TimeUnit.SECONDS);
      assertThat(store.trace(traceId(3))).hasSize(10);
      await().atMost(Duration.ofSeconds(10)).until(() -> store.tailSpans() == 0);
      assertThat(target.memory.stats().spans()).isEqualTo(30);
    }
  }

  @Test
  void readsDuringLoadsSeeEveryAcknowledgedSpanExactlyOnce() throws Exception {
    InMemoryLikeTarget target = new InMemoryLikeTarget();
    AtomicLong loads = new AtomicLong();
    SpanLogStore.Listener countLoads = new SpanLogStore.Listener() {
      @Override
      public void loaded(int spans, long nanos) {
        loads.incrementAndGet();
      }

      @Override
      public void loadFailed(Throwable error) {}
    };
    // A load after every write or two: spans keep moving from the tail to the store under readers.
    SpanLogSettings settings =
        new SpanLogSettings(3, Duration.ofMillis(1), 1_000_000, 1L << 30, 1 << 16);
    int traces = 8;
    int writes = 3000;
    AtomicIntegerArray acked = new AtomicIntegerArray(traces); // after write returned
    AtomicIntegerArray started = new AtomicIntegerArray(traces); // before write was called
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong checks = new AtomicLong();
    try (SpanLogStore store = SpanLogStore.open(dir, target, settings, countLoads)) {
      List<Thread> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        int seed = r;
        Thread reader = new Thread(() -> {
          int t = seed;
          while (!done.get() && problems.isEmpty()) {
            t = (t + 1) % traces;
            try {
              int low = acked.get(t);
              List<SpanRecord> spans = store.trace(traceId(t));
              int high = started.get(t) * 2;
              Set<String> ids = new HashSet<>();
              spans.forEach(s -> ids.add(s.spanId()));
              if (ids.size() != spans.size()) {
                problems.add("trace " + t + ": " + (spans.size() - ids.size()) + " spans twice");
              } else if (spans.size() < low * 2 || spans.size() > high) {
                problems.add("trace " + t + ": " + spans.size() + " spans, expected "
                    + low * 2 + "-" + high);
              }
              checks.incrementAndGet();
            } catch (StoreException e) {
              problems.add(e.toString());
            }
          }
        }, "reader-" + r);
        reader.start();
        readers.add(reader);
      }
      for (int i = 0; i < writes && problems.isEmpty(); i++) {
        int t = i % traces;
        started.incrementAndGet(t);
        List<SpanRecord> two = List.of(
            TelemetryFixtures.span(traceId(t), 2L * i, "", T0 + i),
            TelemetryFixtures.span(traceId(t), 2L * i + 1, "", T0 + i));
        store.write(List.of(TelemetryBatch.ofSpans(two, 1000)));
        acked.incrementAndGet(t);
      }
      done.set(true);
      for (Thread reader : readers) {
        reader.join(30_000);
      }
      assertThat(problems).isEmpty();
      assertThat(loads.get()).as("loads during the run").isGreaterThan(50);
      assertThat(checks.get()).as("reads during the run").isGreaterThan(100);
      assertThat(store.stats().spans()).isEqualTo(2L * writes);
    }
  }
}
