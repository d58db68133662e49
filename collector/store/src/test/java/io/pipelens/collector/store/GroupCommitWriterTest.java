package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path directory;

  private static TelemetryBatch batchOf(long trace, int spans, long bytes) {
    List<SpanRecord> list = new ArrayList<>();
    for (int i = 0; i < spans; i++) {
      list.add(span(traceId(trace), trace * 1000 + i, "", T0 + i));
    }
    return TelemetryBatch.ofSpans(list, bytes);
  }

  @Test
  void manyConcurrentSubmittersAreAllAcknowledgedAfterTheirDataIsReadable() throws Exception {
    int threads = 4;
    int perThread = 100;
    ConcurrentLinkedQueue<String> notReadableAtAck = new ConcurrentLinkedQueue<>();
    AtomicInteger commits = new AtomicInteger();
    GroupCommitWriter.Listener listener =
        new GroupCommitWriter.Listener() {
          @Override
          public void committed(int batches, int items, long bytes, long nanos) {
            commits.incrementAndGet();
          }

          @Override
          public void failed(int batches, Throwable error) {}
        };
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      GroupCommitWriter writer = new GroupCommitWriter(store, 64 << 20, 1 << 20, listener);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        submitted.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<Void>> acks = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    long trace = thread * 10_000L + i;
                    acks.add(
                        writer
                            .submit(batchOf(trace, 3, 300))
                            .whenComplete(
                                (ok, error) -> {
                                  try {
                                    if (error != null || store.trace(traceId(trace)).size() != 3) {
                                      notReadableAtAck.add(traceId(trace));
                                    }
                                  } catch (StoreException e) {
                                    notReadableAtAck.add(traceId(trace) + " " + e);
                                  }
                                }));
                  }
                  return acks;
                }));
      }
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (Future<List<CompletableFuture<Void>>> f : submitted) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      pool.shutdown();
      writer.close();

      assertThat(notReadableAtAck).isEmpty();
      assertThat(store.stats().spans()).isEqualTo((long) threads * perThread * 3);
      assertThat(writer.queuedBytes()).isZero();
      // Group commit: fewer commits than requests (the writer batched concurrent submits).
      assertThat(commits.get()).isLessThan(threads * perThread);
    }
  }

  @Test
  void aSubmitPastTheByteLimitFailsAtOnceWithQueueFull() throws Exception {
    ControllableStore store = new ControllableStore(new InMemoryTelemetryStore());
    store.hold();
    GroupCommitWriter writer = new GroupCommitWriter(store, 1000, 10_000, GroupCommitWriter.Listener.NONE);
    CompletableFuture<Void> first = writer.submit(batchOf(1, 1, 600));
    await().atMost(WAIT).until(() -> store.writesEntered.get() == 1);
    CompletableFuture<Void> second = writer.submit(batchOf(2, 1, 300));

    CompletableFuture<Void> third = writer.submit(batchOf(3, 1, 200));

    assertThat(third).isCompletedExceptionally();
    assertThat(causeOf(third))
        .isInstanceOf(QueueFullException.class)
        .hasMessageContaining("900 of 1000 bytes");
    assertThat(writer.queuedBytes()).isEqualTo(900);
    store.open();
    first.get(30, TimeUnit.SECONDS);
    second.get(30, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> writer.queuedBytes() == 0);
    writer.submit(batchOf(3, 1, 200)).get(30, TimeUnit.SECONDS);
    writer.close();
    assertThat(store.trace(traceId(3))).hasSize(1);
  }

  @Test
  void closeDrainsEverythingQueuedAndThenRejectsSubmits() throws Exception {
    ControllableStore store = new ControllableStore(new InMemoryTelemetryStore());
    store.hold();
    GroupCommitWriter writer = new GroupCommitWriter(store, 1 << 20, 1 << 20, null);
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      acks.add(writer.submit(batchOf(100 + i, 2, 100)));
    }
    CompletableFuture<Void> closed =
        CompletableFuture.runAsync(
            () -> {
              try {
                writer.close();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(WAIT).until(() -> writer.submit(batchOf(999, 1, 1)).isCompletedExceptionally());
    assertThat(closed).isNotDone();

    store.open();
    closed.get(30, TimeUnit.SECONDS);

    assertThat(acks).allSatisfy(a -> assertThat(a).isCompleted().isNotCompletedExceptionally());
    assertThat(store.stats().spans()).isEqualTo(40);
    assertThat(causeOf(writer.submit(batchOf(1000, 1, 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shutting down");
  }

  @Test
  void bytesReservedForBodiesBeingReadShareTheQueueBound() throws Exception {
    GroupCommitWriter writer = new GroupCommitWriter(new InMemoryTelemetryStore(), 1_000, 1 << 20, null);
    assertThat(writer.tryReserve(800)).isTrue();
    assertThat(writer.tryReserve(300)).as("800 + 300 passes the bound").isFalse();
    assertThat(writer.queuedBytes()).isEqualTo(800);
    assertThat(causeOf(writer.submit(batchOf(1, 1, 300)))).isInstanceOf(QueueFullException.class);

    writer.release(800);
    assertThat(writer.queuedBytes()).isZero();
    writer.submit(batchOf(2, 1, 300)).get(30, TimeUnit.SECONDS);
    await().atMost(WAIT).until(() -> writer.queuedBytes() == 0); // released just after the ack
    assertThat(writer.tryReserve(5_000)).as("alone, an oversized body may still pass").isTrue();
    writer.release(5_000);
    writer.close();
    assertThat(writer.queuedBytes()).isZero();
  }

  @Test
  void aFailingStoreFailsEveryFutureOfTheGroupAndTheWriterKeepsGoing() throws Exception {
    ControllableStore store = new ControllableStore(new InMemoryTelemetryStore());
    store.hold();
    StoreException diskFull = new StoreException("disk full");
    GroupCommitWriter writer = new GroupCommitWriter(store, 1 << 20, 1 << 20, null);
    CompletableFuture<Void> first = writer.submit(batchOf(1, 1, 10));
    await().atMost(WAIT).until(() -> store.writesEntered.get() == 1);
    List<CompletableFuture<Void>> group = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      group.add(writer.submit(batchOf(10 + i, 1, 10)));
    }
    store.failWith(diskFull);

    store.open();

    assertThat(causeOf(first)).isSameAs(diskFull);
    for (CompletableFuture<Void> f : group) {
      assertThat(causeOf(f)).isSameAs(diskFull);
    }
    store.failWith(null);
    writer.submit(batchOf(50, 2, 10)).get(30, TimeUnit.SECONDS);
    writer.close();
    assertThat(store.stats().spans()).isEqualTo(2);
  }

  @Test
  void aBadBatchFailsAloneWhileTheRestOfItsGroupIsStored() throws Exception {
    ControllableStore store = new ControllableStore(new InMemoryTelemetryStore());
    store.hold();
    GroupCommitWriter writer = new GroupCommitWriter(store, 1 << 20, 1 << 20, null);
    CompletableFuture<Void> first = writer.submit(batchOf(1, 1, 10));
    await().atMost(WAIT).until(() -> store.writesEntered.get() == 1);
    CompletableFuture<Void> good1 = writer.submit(batchOf(2, 1, 10));
    SpanRecord bad =
        TelemetryStoreContract.withAttributes(span(traceId(3), 1, "", T0), Map.of("x", new Object()));
    CompletableFuture<Void> badAck = writer.submit(TelemetryBatch.ofSpans(List.of(bad), 10));
    CompletableFuture<Void> good2 = writer.submit(batchOf(4, 1, 10));

    store.open();
    first.get(30, TimeUnit.SECONDS);
    good1.get(30, TimeUnit.SECONDS);
    good2.get(30, TimeUnit.SECONDS);

    assertThat(causeOf(badAck)).isInstanceOf(StoreException.class).hasMessageContaining("x");
    writer.close();
    assertThat(store.trace(traceId(2))).hasSize(1);
    assertThat(store.trace(traceId(4))).hasSize(1);
    assertThat(store.trace(traceId(3))).isEmpty();
  }

  @Test
  void underSteadyArrivalsACommitWaitsForTheNextBatch() throws Exception {
    List<Integer> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    GroupCommitWriter writer = new GroupCommitWriter(new InMemoryTelemetryStore(), 64 << 20,
        64 << 20, TimeUnit.SECONDS.toNanos(2), groupSizes(groups));
    try {
      // Batches arriving microseconds apart: the mean gap falls far below the delay.
      List<CompletableFuture<Void>> burst = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        burst.add(writer.submit(batchOf(i, 1, 100)));
      }
      CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      groups.clear();

      CompletableFuture<Void> first = writer.submit(batchOf(100, 1, 100));
      // The writer has taken `first` long before this pause ends; without the delay it would
      // commit it alone.
      await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
      assertThat(first).isNotDone();
      CompletableFuture<Void> second = writer.submit(batchOf(101, 1, 100));
      CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);

      assertThat(groups).as("both in one commit").containsExactly(2);
    } finally {
      writer.close();
    }
  }

  @Test
  void anIdleWriterCommitsALoneBatchAtOnce() throws Exception {
    List<Integer> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    GroupCommitWriter writer = new GroupCommitWriter(new InMemoryTelemetryStore(), 64 << 20,
        64 << 20, TimeUnit.SECONDS.toNanos(60), groupSizes(groups));
    try {
      long start = System.nanoTime();
      writer.submit(batchOf(1, 1, 100)).get(30, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("far less than the delay")
          .isLessThan(Duration.ofSeconds(20));
      assertThat(groups).containsExactly(1);
    } finally {
      writer.close();
    }
  }

  private static GroupCommitWriter.Listener groupSizes(List<Integer> groups) {
    return new GroupCommitWriter.Listener() {
      @Override
      public void committed(int batches, int items, long bytes, long nanos) {
        groups.add(batches);
      }

      @Override
      public void failed(int batches, Throwable error) {}
    };
  }

  private static Throwable causeOf(CompletableFuture<Void> f) throws InterruptedException {
    try {
      f.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected the future to fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }
}
