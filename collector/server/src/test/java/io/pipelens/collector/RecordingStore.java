package io.pipelens.collector;

import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.MetricPoint;
import io.pipelens.collector.store.Operation;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.StoreException;
import io.pipelens.collector.store.StoreStats;
import io.pipelens.collector.store.TelemetryBatch;
import io.pipelens.collector.store.TelemetryStore;
import io.pipelens.collector.store.TraceQuery;
import io.pipelens.collector.store.TraceSearch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A small in-memory store for collector tests. {@link #hold()} makes writes wait (on the writer
 * thread, never the event loop) until {@link #release()}, to simulate a slow disk.
 */
final class RecordingStore implements TelemetryStore {
  private final List<SpanRecord> spans = new ArrayList<>();
  private final List<LogRecordData> logs = new ArrayList<>();
  private final List<MetricPoint> metrics = new ArrayList<>();
  private volatile Semaphore gate;
  /** When set, the name lists (services, operations) fail as an unreadable store would. */
  volatile boolean failNameReads;
  private volatile boolean closed;
  private volatile int commits;

  void hold() {
    gate = new Semaphore(0);
  }

  void release() {
    Semaphore g = gate;
    gate = null;
    if (g != null) {
      g.release(Integer.MAX_VALUE / 2);
    }
  }

  @Override
  public void write(List<TelemetryBatch> batches) throws StoreException {
    Semaphore g = gate;
    if (g != null) {
      try {
        g.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted");
      }
    }
    synchronized (this) {
      if (closed) {
        throw new StoreException("store is closed");
      }
      for (TelemetryBatch b : batches) {
        spans.addAll(b.spans());
        logs.addAll(b.logs());
        metrics.addAll(b.metrics());
      }
      commits++;
    }
  }

  synchronized List<SpanRecord> spans() {
    return List.copyOf(spans);
  }

  synchronized List<LogRecordData> logs() {
    return List.copyOf(logs);
  }

  synchronized List<MetricPoint> metrics() {
    return List.copyOf(metrics);
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public synchronized List<SpanRecord> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId))
        .sorted(Comparator.comparingLong(SpanRecord::startEpochNanos)).toList();
  }

  @Override
  public synchronized List<String> findTraceIds(TraceQuery query) {
    return TraceSearch.findTraceIds(List.copyOf(spans), query);
  }

  @Override
  public synchronized List<String> services() throws StoreException {
    failIfAsked();
    return TraceSearch.services(List.copyOf(spans));
  }

  @Override
  public synchronized List<Operation> operations(String serviceName) throws StoreException {
    failIfAsked();
    return TraceSearch.operations(List.copyOf(spans), serviceName);
  }

  private void failIfAsked() throws StoreException {
    if (failNameReads) {
      throw new StoreException("test: store unreadable");
    }
  }

  @Override
  public synchronized List<String> attributeValues(String serviceName, String key) {
    return TraceSearch.attributeValues(List.copyOf(spans), serviceName, key);
  }

  @Override
  public synchronized List<LogRecordData> logsOfTrace(String traceId) {
    return logs.stream().filter(l -> l.traceId().equals(traceId)).toList();
  }

  @Override
  public synchronized List<MetricPoint> metricPoints(String name, long from, long to) {
    return metrics.stream()
        .filter(m -> m.name().equals(name) && m.timeEpochNanos() >= from && m.timeEpochNanos() < to)
        .toList();
  }

  @Override
  public synchronized StoreStats stats() {
    return new StoreStats(spans.size(), logs.size(), metrics.size(), 0);
  }

  @Override
  public long applyRetention(long olderThanEpochNanos, long maxBytes) {
    return 0;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
