package io.pipelens.collector.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable span writes without a store commit per write: spans are appended to an append-only log
 * (one record and one {@code fdatasync} per {@link #write} call), acknowledged from there, kept in
 * memory (the tail) where reads see them at once, and loaded into the {@link SpanLogTarget} behind
 * it by a loader thread in large batches. Logs and metric points go straight to the delegate.
 * docs/span-log.md describes the files, the recovery and the bounds.
 *
 * <p>Threading as {@link TelemetryStore}: one writer at a time, reads from any thread. Reads merge
 * the delegate and the tail without waiting for a load in flight: each span is seen exactly once.
 */
public final class SpanLogStore implements TelemetryStore {
  private static final Logger LOG = LoggerFactory.getLogger(SpanLogStore.class);
  private static final long RETENTION_FLUSH_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);

  /** What the collector exposes as meters. Called on the loader thread. */
  public interface Listener {
    Listener NONE =
        new Listener() {
          @Override
          public void loaded(int spans, long nanos) {}

          @Override
          public void loadFailed(Throwable error) {}
        };

    /** A load of {@code spans} spans committed after {@code nanos}. */
    void loaded(int spans, long nanos);

    void loadFailed(Throwable error);
  }

  private final SpanLogTarget delegate;
  private final SpanLogFiles files;
  private final SpanLogTail tail;
  private final SpanLogReads reads;
  private final ReentrantLock delegateWrites = new ReentrantLock();
  private final Thread loader;
  private final AtomicLong loads = new AtomicLong();
  private final AtomicLong loadedSpans = new AtomicLong();
  private final AtomicLong loadNanos = new AtomicLong();
  private final AtomicLong loadFailures = new AtomicLong();
  private boolean closed;

  private SpanLogStore(SpanLogTarget delegate, SpanLogFiles files, SpanLogTail tail,
      SpanLogSettings settings, Listener listener) {
    this.delegate = delegate;
    this.files = files;
    this.tail = tail;
    this.reads = new SpanLogReads(delegate, tail);
    Listener counting = new Listener() {
      @Override
      public void loaded(int spans, long nanos) {
        loads.incrementAndGet();
        loadedSpans.addAndGet(spans);
        loadNanos.addAndGet(nanos);
        listener.loaded(spans, nanos);
      }

      @Override
      public void loadFailed(Throwable error) {
        loadFailures.incrementAndGet();
        listener.loadFailed(error);
      }
    };
    this.loader = new Thread(
        new SpanLogLoader(tail, files, delegate, delegateWrites, settings, counting),
        "span-log-loader");
    loader.setDaemon(true);
  }

  /**
   * Opens the log in {@code directory} (created when missing) over {@code delegate}: replays and
   * loads every record after {@code delegate.loadedSpanLogPosition()}, truncates a torn last record
   * and fails naming the file and offset when a record before the end is corrupt. The store owns
   * the delegate from here on: {@link #close} closes it (also when this method fails).
   */
  public static SpanLogStore open(Path directory, SpanLogTarget delegate, SpanLogSettings settings,
      Listener listener) throws StoreException {
    try {
      long loaded = delegate.loadedSpanLogPosition();
      SpanLogReplay replay = new SpanLogReplay(delegate, settings.loadBatchSpans());
      SpanLogFiles files = SpanLogFiles.open(directory, settings.segmentBytes(), loaded, replay);
      replay.finish();
      long committed = delegate.loadedSpanLogPosition();
      if (replay.replayedSpans() > 0) {
        LOG.info("span log: replayed {} spans from {} into the store", replay.replayedSpans(),
            directory);
      }
      files.deleteLoaded(committed);
      SpanLogTail tail =
          new SpanLogTail(committed, settings.maxTailSpans(), settings.maxTailBytes());
      SpanLogStore store = new SpanLogStore(delegate, files, tail, settings, listener);
      store.loader.start();
      return store;
    } catch (StoreException | RuntimeException e) {
      try {
        delegate.close();
      } catch (StoreException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Spans: validated, appended to the log as one record and synced; logs and metric points: written
   * to the delegate first (a failure there leaves the spans unwritten too). Waits while the tail is
   * at its bound.
   */
  @Override
  public void write(List<TelemetryBatch> batches) throws StoreException {
    List<EncodedTrace> encoded = new ArrayList<>();
    List<SpanRecord> spans = new ArrayList<>();
    List<TelemetryBatch> others = new ArrayList<>();
    for (TelemetryBatch batch : batches) {
      if (batch.spanBlocks() != null) {
        encoded.addAll(batch.spanBlocks().traces());
      } else {
        spans.addAll(batch.spans());
      }
      if (!batch.logs().isEmpty() || !batch.metrics().isEmpty()) {
        others.add(new TelemetryBatch(List.of(), batch.logs(), batch.metrics(),
            batch.encodedBytes()));
      }
    }
    List<EncodedTrace> traces = null;
    byte[] record = null;
    if (!spans.isEmpty() || !encoded.isEmpty()) {
      try {
        if (!spans.isEmpty()) {
          encoded.addAll(EncodedTrace.group(spans));
        }
        // One entry per trace, as when the whole group is encoded at once: batches encoded apart
        // may hold parts of the same trace.
        traces = EncodedTrace.mergeByTrace(encoded);
        record = SpanLogRecords.encode(traces);
      } catch (RuntimeException e) {
        throw new StoreException("write of " + batches.size() + " batches failed: "
            + namedProblem(batches, e), e);
      }
    }
    if (!others.isEmpty()) {
      delegateWrites.lock();
      try {
        delegate.write(others);
      } finally {
        delegateWrites.unlock();
      }
    }
    if (record == null) {
      return;
    }
    // The tail holds the per-trace blocks the record has, not decoded spans: a fraction of the
    // heap, nothing for the GC to trace, and the loader appends them to the store as they are.
    tail.awaitRoom();
    long end;
    synchronized (files) {
      end = files.append(record);
      files.force();
    }
    tail.add(new SpanLogTail.Chunk(end, List.copyOf(traces), record.length, System.nanoTime()));
  }

  /** Which span and attribute could not be encoded, for the error (the slow path names them). */
  private static String namedProblem(List<TelemetryBatch> batches, RuntimeException e) {
    try {
      for (int b = 0; b < batches.size(); b++) {
        List<SpanRecord> spans = batches.get(b).spans();
        for (int i = 0; i < spans.size(); i++) {
          InMemoryCopies.span(spans.get(i), "batch " + b + " span " + i);
        }
      }
    } catch (RuntimeException named) {
      return named.getMessage();
    }
    return e.getMessage();
  }

  @Override
  public boolean takesSpanBlocks() {
    return true;
  }

  @Override
  public List<SpanRecord> trace(String traceId) throws StoreException {
    return reads.trace(traceId);
  }

  @Override
  public List<String> findTraceIds(TraceQuery query) throws StoreException {
    return reads.findTraceIds(query);
  }

  @Override
  public List<String> services() throws StoreException {
    return reads.services();
  }

  @Override
  public List<Operation> operations(String serviceName) throws StoreException {
    return reads.operations(serviceName);
  }

  @Override
  public List<String> attributeValues(String serviceName, String key) throws StoreException {
    return reads.attributeValues(serviceName, key);
  }

  @Override
  public List<LogRecordData> logsOfTrace(String traceId) throws StoreException {
    return delegate.logsOfTrace(traceId);
  }

  @Override
  public List<MetricPoint> metricPoints(String name, long fromEpochNanos, long toEpochNanos)
      throws StoreException {
    return delegate.metricPoints(name, fromEpochNanos, toEpochNanos);
  }

  /** The delegate's counts plus the tail's spans; disk bytes include the log files. */
  @Override
  public StoreStats stats() throws StoreException {
    StoreStats s = reads.stats();
    return new StoreStats(s.spans(), s.logs(), s.metricPoints(), s.diskBytes() + files.bytes());
  }

  /**
   * Loads the tail first (so old spans in it are deleted too and the count is exact), then applies
   * retention in the delegate. Fails if the load does not finish within two minutes.
   */
  @Override
  public long applyRetention(long olderThanEpochNanos, long maxBytes) throws StoreException {
    flush(RETENTION_FLUSH_TIMEOUT_NANOS);
    delegateWrites.lock();
    try {
      return delegate.applyRetention(olderThanEpochNanos, maxBytes);
    } finally {
      delegateWrites.unlock();
    }
  }

  /** Loads everything written so far into the delegate; fails after {@code timeoutNanos}. */
  void flush(long timeoutNanos) throws StoreException {
    try {
      if (!tail.flush(timeoutNanos)) {
        throw new StoreException("span log: loading the tail (" + tail.state().spans()
            + " spans) into the store did not finish in "
            + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while loading the span log tail", e);
    }
  }

  /** Spans written but not yet loaded into the delegate. */
  public long tailSpans() {
    return tail.state().spans();
  }

  /** Encoded bytes of the spans in the tail. */
  public long tailBytes() {
    return tail.state().bytes();
  }

  /** Loads committed since open (the replay at open not counted). */
  public long loads() {
    return loads.get();
  }

  /** Spans those loads moved into the delegate. */
  public long loadedSpans() {
    return loadedSpans.get();
  }

  /** Time spent in those loads' delegate writes, in seconds. */
  public double loadSeconds() {
    return loadNanos.get() / 1e9;
  }

  /** Loads that failed (and were retried). */
  public long loadFailures() {
    return loadFailures.get();
  }

  /** Bytes in the log's segment files (loaded segments are deleted). */
  public long logBytes() {
    return files.bytes();
  }

  /**
   * Loads the tail into the delegate, stops the loader, deletes the (then fully loaded) log and
   * closes the delegate. If the load fails the log stays and is replayed at the next open.
   */
  @Override
  public synchronized void close() throws StoreException {
    if (closed) {
      return;
    }
    closed = true;
    tail.close();
    try {
      loader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean allLoaded = tail.state().chunks().isEmpty();
    try {
      synchronized (files) {
        files.close(allLoaded);
      }
    } finally {
      delegate.close();
    }
  }
}
