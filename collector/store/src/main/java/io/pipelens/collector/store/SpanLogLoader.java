package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that moves the span log's tail into the store: everything pending in ONE write call
 * (so a trace's spans from many requests become one stored chunk, their blocks concatenated as
 * the records hold them, no span decoded), recorded with the log position it reaches. After the
 * commit the chunks leave the tail and fully loaded segment files go. A
 * failed load is retried with back-off; the tail then fills up and writers wait.
 */
final class SpanLogLoader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SpanLogLoader.class);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final SpanLogTail tail;
  private final SpanLogFiles files;
  private final SpanLogTarget delegate;
  private final ReentrantLock delegateWrites;
  private final SpanLogSettings settings;
  private final SpanLogStore.Listener listener;
  private long lastWarnNanos = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);

  SpanLogLoader(SpanLogTail tail, SpanLogFiles files, SpanLogTarget delegate,
      ReentrantLock delegateWrites, SpanLogSettings settings, SpanLogStore.Listener listener) {
    this.tail = tail;
    this.files = files;
    this.delegate = delegate;
    this.delegateWrites = delegateWrites;
    this.settings = settings;
    this.listener = listener;
  }

  @Override
  public void run() {
    long backoff = TimeUnit.MILLISECONDS.toNanos(50);
    try {
      while (true) {
        List<SpanLogTail.Chunk> chunks =
            tail.awaitLoad(settings.loadBatchSpans(), settings.loadInterval().toNanos());
        if (chunks == null) {
          return;
        }
        if (load(chunks)) {
          backoff = TimeUnit.MILLISECONDS.toNanos(50);
        } else if (tail.isClosing()) {
          return; // the log keeps the spans; the next start replays them
        } else {
          tail.pause(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean load(List<SpanLogTail.Chunk> chunks) {
    int n = 0;
    for (SpanLogTail.Chunk c : chunks) {
      n += c.spanCount();
    }
    List<EncodedTrace> traces = byTrace(chunks);
    long end = chunks.get(chunks.size() - 1).endPosition();
    long start = System.nanoTime();
    delegateWrites.lock();
    try {
      delegate.writeEncoded(traces, end);
    } catch (StoreException | RuntimeException e) {
      tail.loadFailed();
      listener.loadFailed(e);
      long now = System.nanoTime();
      if (now - lastWarnNanos > TimeUnit.MINUTES.toNanos(1)) {
        lastWarnNanos = now;
        LOG.warn("span log: loading {} spans into the store failed, will retry: {}", n,
            e.toString());
      }
      return false;
    } finally {
      delegateWrites.unlock();
    }
    long nanos = System.nanoTime() - start;
    files.deleteLoaded(end); // before the tail moves on, so a flush finds the files gone
    tail.loaded(end);
    listener.loaded(n, nanos);
    return true;
  }

  /** The load's traces in record order, each trace's parts merged (see EncodedTrace#mergeByTrace). */
  static List<EncodedTrace> byTrace(List<SpanLogTail.Chunk> chunks) {
    List<EncodedTrace> all = new ArrayList<>();
    for (SpanLogTail.Chunk c : chunks) {
      all.addAll(c.traces());
    }
    return EncodedTrace.mergeByTrace(all);
  }
}
