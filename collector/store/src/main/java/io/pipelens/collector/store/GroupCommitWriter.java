package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that owns the store's write side. Ingest calls {@link #submit} from any thread
 * (the event loop included: it never blocks); the writer takes every queued batch, commits them in
 * one {@link TelemetryStore#write} and only then completes their futures — group commit, so a
 * request is acknowledged once its data is durable.
 *
 * <p>Memory is bounded by {@code maxQueuedBytes} of {@link TelemetryBatch#encodedBytes}: a submit
 * that would pass it fails at once with {@link QueueFullException}.
 */
public final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Observes commits, for metrics. Called on the writer thread. */
  public interface Listener {
    void committed(int batches, int items, long bytes, long nanos);

    void failed(int batches, Throwable error);
  }

  private record Pending(TelemetryBatch batch, CompletableFuture<Void> done) {}

  private static final Pending POISON = new Pending(null, null);

  private final TelemetryStore store;
  private final long maxQueuedBytes;
  private final long maxCommitBytes;
  private final Listener listener;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @param maxQueuedBytes bound on bytes waiting to be written
   * @param maxCommitBytes soft bound on bytes written in one commit (at least one batch always is)
   */
  public GroupCommitWriter(
      TelemetryStore store, long maxQueuedBytes, long maxCommitBytes, Listener listener) {
    this.store = store;
    this.maxQueuedBytes = maxQueuedBytes;
    this.maxCommitBytes = maxCommitBytes;
    this.listener = listener;
    this.thread = new Thread(this::run, "pipelens-store-writer");
    this.thread.setDaemon(false);
    this.thread.start();
  }

  /**
   * Queues a batch; the future completes when it is durable, or fails with {@link
   * QueueFullException} (at once), {@link IllegalStateException} after {@link #close}, or the
   * store's exception.
   */
  public CompletableFuture<Void> submit(TelemetryBatch batch) {
    if (closing) {
      return CompletableFuture.failedFuture(new IllegalStateException("writer is shutting down"));
    }
    long size = Math.max(1, batch.encodedBytes());
    long now = queuedBytes.addAndGet(size);
    if (now > maxQueuedBytes && now != size) {
      queuedBytes.addAndGet(-size);
      return CompletableFuture.failedFuture(new QueueFullException(now - size, maxQueuedBytes));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.add(new Pending(batch, done));
    return done;
  }

  /** Bytes accepted but not yet committed. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  public long maxQueuedBytes() {
    return maxQueuedBytes;
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      Pending first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        continue;
      }
      if (first == POISON) {
        return;
      }
      group.add(first);
      long bytes = first.batch().encodedBytes();
      boolean stop = false;
      Pending next;
      while (bytes < maxCommitBytes && (next = queue.poll()) != null) {
        if (next == POISON) {
          stop = true;
          break;
        }
        group.add(next);
        bytes += next.batch().encodedBytes();
      }
      commit(group, bytes);
      group.clear();
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Pending> group, long bytes) {
    List<TelemetryBatch> batches = new ArrayList<>(group.size());
    int items = 0;
    for (Pending p : group) {
      batches.add(p.batch());
      items += p.batch().itemCount();
    }
    long start = System.nanoTime();
    try {
      store.write(batches);
      listener.committed(group.size(), items, bytes, System.nanoTime() - start);
      for (Pending p : group) {
        p.done().complete(null);
      }
    } catch (Throwable e) {
      LOG.warn("commit of {} batches failed: {}", group.size(), e.toString());
      listener.failed(group.size(), e);
      for (Pending p : group) {
        p.done().completeExceptionally(e);
      }
    } finally {
      long released = 0;
      for (Pending p : group) {
        released += Math.max(1, p.batch().encodedBytes());
      }
      queuedBytes.addAndGet(-released);
    }
  }

  /** Stops accepting, drains everything queued into the store, then stops the thread. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    queue.add(POISON);
    thread.join();
  }
}
