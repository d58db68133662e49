package io.pipelens.collector.store;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link SpanLogTarget} that outlives the span log stores opened over it (close is
 * ignored, as a database file outlives a crashed process) and whose loads can be held at a gate.
 */
final class HeldTarget extends InMemoryLikeTarget {
  private volatile CountDownLatch gate = new CountDownLatch(0);
  final AtomicInteger loadsEntered = new AtomicInteger();
  final AtomicInteger loads = new AtomicInteger();

  /** Holds every load until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  @Override
  public void write(List<TelemetryBatch> batches, long position) throws StoreException {
    loadsEntered.incrementAndGet();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new StoreException("test gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
    super.write(batches, position);
    loads.incrementAndGet();
  }
}
