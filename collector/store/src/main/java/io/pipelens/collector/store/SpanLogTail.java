package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The spans that are in the span log but not yet loaded into the store, as chunks in log order,
 * and the hand-over between the writer, the loader and readers. The current {@link State} is an
 * immutable snapshot published through a volatile field, so readers never lock; the writer and
 * the loader change it under a short lock.
 */
final class SpanLogTail {

  /**
   * The spans of one write call, per trace as the record holds them, and the log position after
   * the record.
   */
  record Chunk(long endPosition, List<EncodedTrace> traces, int spanCount, long bytes,
      long appendedNanos) {

    Chunk(long endPosition, List<EncodedTrace> traces, long bytes, long appendedNanos) {
      this(endPosition, traces, count(traces), bytes, appendedNanos);
    }

    private static int count(List<EncodedTrace> traces) {
      int n = 0;
      for (EncodedTrace t : traces) {
        n += t.spanCount();
      }
      return n;
    }

    /** Every span, decoded. */
    List<SpanRecord> spans() {
      List<SpanRecord> out = new ArrayList<>(spanCount);
      for (EncodedTrace t : traces) {
        out.addAll(t.spans());
      }
      return out;
    }
  }

  /**
   * @param chunks not yet loaded, in log order (including those of a load in flight)
   * @param loadsStarted how many loads have started; a reader seeing it change knows a load may
   *     have committed while it read the store
   * @param inFlightEnd the end position of the load in flight, 0 when none
   * @param committed the store's loaded position as of the last finished load
   */
  record State(List<Chunk> chunks, long spans, long bytes, long loadsStarted, long inFlightEnd,
      long committed) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final long maxSpans;
  private final long maxBytes;
  private volatile State state;
  private boolean flushRequested; // guarded by lock
  private int writersWaiting; // guarded by lock
  private boolean closing; // guarded by lock

  SpanLogTail(long committed, long maxSpans, long maxBytes) {
    this.maxSpans = maxSpans;
    this.maxBytes = maxBytes;
    this.state = new State(List.of(), 0, 0, 0, 0, committed);
  }

  State state() {
    return state;
  }

  /** Waits while the tail is at its bound (the loader is asked to load at once). */
  void awaitRoom() throws StoreException {
    lock.lock();
    try {
      while (!closing && (state.spans() >= maxSpans || state.bytes() >= maxBytes)) {
        writersWaiting++;
        changed.signalAll();
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreException("interrupted while the span log tail was full", e);
        } finally {
          writersWaiting--;
        }
      }
      if (closing) {
        throw new StoreException("span log store is closed");
      }
    } finally {
      lock.unlock();
    }
  }

  void add(Chunk chunk) {
    lock.lock();
    try {
      State s = state;
      List<Chunk> chunks = new ArrayList<>(s.chunks().size() + 1);
      chunks.addAll(s.chunks());
      chunks.add(chunk);
      state = new State(List.copyOf(chunks), s.spans() + chunk.spanCount(),
          s.bytes() + chunk.bytes(), s.loadsStarted(), s.inFlightEnd(), s.committed());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until a load is due (enough spans, the oldest waited {@code intervalNanos}, a writer or
   * a flush waits, or closing) and marks every pending chunk as in flight; null once closing and
   * nothing is left.
   */
  List<Chunk> awaitLoad(int batchSpans, long intervalNanos) throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        State s = state;
        if (!s.chunks().isEmpty()) {
          long waited = System.nanoTime() - s.chunks().get(0).appendedNanos();
          if (s.spans() >= batchSpans || waited >= intervalNanos || writersWaiting > 0
              || flushRequested || closing) {
            List<Chunk> take = s.chunks();
            flushRequested = false;
            state = new State(s.chunks(), s.spans(), s.bytes(), s.loadsStarted() + 1,
                take.get(take.size() - 1).endPosition(), s.committed());
            return take;
          }
          changed.awaitNanos(intervalNanos - waited);
        } else if (closing) {
          return null;
        } else {
          changed.await();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The store committed the chunks up to {@code end}: they leave the tail. */
  void loaded(long end) {
    lock.lock();
    try {
      State s = state;
      int n = 0;
      long spans = s.spans();
      long bytes = s.bytes();
      while (n < s.chunks().size() && s.chunks().get(n).endPosition() <= end) {
        spans -= s.chunks().get(n).spanCount();
        bytes -= s.chunks().get(n).bytes();
        n++;
      }
      state = new State(s.chunks().subList(n, s.chunks().size()), spans, bytes,
          s.loadsStarted(), 0, Math.max(s.committed(), end));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A load failed: its chunks stay pending. */
  void loadFailed() {
    lock.lock();
    try {
      State s = state;
      state = new State(s.chunks(), s.spans(), s.bytes(), s.loadsStarted(), 0, s.committed());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code nanos} unless closing (the loader's back-off after a failure). */
  void pause(long nanos) throws InterruptedException {
    lock.lock();
    try {
      if (!closing) {
        changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks for an immediate load of everything up to now and waits until it is committed.
   *
   * @return false if {@code timeoutNanos} passed first
   */
  boolean flush(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      List<Chunk> chunks = state.chunks();
      if (chunks.isEmpty()) {
        return true;
      }
      long target = chunks.get(chunks.size() - 1).endPosition();
      long deadline = System.nanoTime() + timeoutNanos;
      while (state.committed() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        flushRequested = true;
        changed.signalAll();
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes writers (they fail) and the loader (it loads what is left, then stops). */
  void close() {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isClosing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }
}
