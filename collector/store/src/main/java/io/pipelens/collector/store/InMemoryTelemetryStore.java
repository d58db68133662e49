package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A heap-only store for tests of other modules. It keeps the same canonical forms as the DuckDB
 * store ({@link AttributeValues}) and rejects the same bad input, so tests that pass against it
 * mean the same against disk. {@code maxBytes} retention is ignored (nothing is on disk). All
 * methods are thread-safe; a write is atomic and visible to readers all at once. As a {@link
 * SpanLogTarget} it records the span log position in memory only (a new instance starts at 0).
 */
public final class InMemoryTelemetryStore implements SpanLogTarget {
  private final Map<String, List<SpanRecord>> spansByTrace = new LinkedHashMap<>();
  private final List<LogRecordData> logs = new ArrayList<>();
  private final List<MetricPoint> metrics = new ArrayList<>();
  private long spanCount;
  private long spanLogPosition;
  private boolean closed;

  @Override
  public void write(List<TelemetryBatch> batches) throws StoreException {
    store(batches, -1);
  }

  @Override
  public synchronized long loadedSpanLogPosition() throws StoreException {
    ensureOpen();
    return spanLogPosition;
  }

  @Override
  public void write(List<TelemetryBatch> batches, long position) throws StoreException {
    if (position < 0) {
      throw new IllegalArgumentException("span log position must be >= 0, got " + position);
    }
    store(batches, position);
  }

  /** {@code position} -1: a plain write that leaves the span log position alone. */
  private void store(List<TelemetryBatch> batches, long position) throws StoreException {
    List<SpanRecord> newSpans = new ArrayList<>();
    List<LogRecordData> newLogs = new ArrayList<>();
    List<MetricPoint> newMetrics = new ArrayList<>();
    try {
      for (int b = 0; b < batches.size(); b++) {
        TelemetryBatch batch = batches.get(b);
        for (int i = 0; i < batch.spans().size(); i++) {
          newSpans.add(InMemoryCopies.span(batch.spans().get(i), "batch " + b + " span " + i));
        }
        for (int i = 0; i < batch.logs().size(); i++) {
          newLogs.add(InMemoryCopies.log(batch.logs().get(i), "batch " + b + " log " + i));
        }
        for (int i = 0; i < batch.metrics().size(); i++) {
          newMetrics.add(InMemoryCopies.metric(batch.metrics().get(i), "batch " + b + " metric " + i));
        }
      }
    } catch (RuntimeException e) {
      throw new StoreException("write of " + batches.size() + " batches failed: " + e.getMessage(), e);
    }
    synchronized (this) {
      ensureOpen();
      if (position >= 0 && position < spanLogPosition) {
        throw new StoreException("span log position " + position
            + " is behind the loaded position " + spanLogPosition);
      }
      spanLogPosition = Math.max(spanLogPosition, position);
      for (SpanRecord s : newSpans) {
        spansByTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
      }
      spanCount += newSpans.size();
      logs.addAll(newLogs);
      metrics.addAll(newMetrics);
    }
  }

  @Override
  public synchronized List<SpanRecord> trace(String traceId) throws StoreException {
    ensureOpen();
    List<SpanRecord> spans = new ArrayList<>(spansByTrace.getOrDefault(traceId, List.of()));
    spans.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
    return spans;
  }

  @Override
  public synchronized List<String> findTraceIds(TraceQuery query) throws StoreException {
    ensureOpen();
    return TraceSearch.findTraceIds(allSpans(), query);
  }

  @Override
  public synchronized List<String> services() throws StoreException {
    ensureOpen();
    return TraceSearch.services(allSpans());
  }

  @Override
  public synchronized List<Operation> operations(String serviceName) throws StoreException {
    ensureOpen();
    return TraceSearch.operations(allSpans(), serviceName);
  }

  @Override
  public synchronized List<String> attributeValues(String serviceName, String key)
      throws StoreException {
    ensureOpen();
    return TraceSearch.attributeValues(allSpans(), serviceName, key);
  }

  private Iterable<SpanRecord> allSpans() {
    return () -> spansByTrace.values().stream().flatMap(List::stream).iterator();
  }

  @Override
  public synchronized List<LogRecordData> logsOfTrace(String traceId) throws StoreException {
    ensureOpen();
    List<LogRecordData> out = new ArrayList<>();
    if (traceId == null || traceId.isEmpty()) {
      return out;
    }
    for (LogRecordData l : logs) {
      if (traceId.equals(l.traceId())) {
        out.add(l);
      }
    }
    out.sort(Comparator.comparingLong(InMemoryTelemetryStore::logTime));
    return out;
  }

  @Override
  public synchronized List<MetricPoint> metricPoints(
      String name, long fromEpochNanos, long toEpochNanos) throws StoreException {
    ensureOpen();
    List<MetricPoint> out = new ArrayList<>();
    for (MetricPoint m : metrics) {
      if (m.name().equals(name)
          && m.timeEpochNanos() >= fromEpochNanos
          && m.timeEpochNanos() < toEpochNanos) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparingLong(MetricPoint::timeEpochNanos));
    return out;
  }

  @Override
  public synchronized StoreStats stats() throws StoreException {
    ensureOpen();
    return new StoreStats(spanCount, logs.size(), metrics.size(), 0);
  }

  @Override
  public synchronized long applyRetention(long olderThanEpochNanos, long maxBytes)
      throws StoreException {
    ensureOpen();
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0 (0 = no limit), got " + maxBytes);
    }
    long deleted = 0;
    for (var it = spansByTrace.values().iterator(); it.hasNext(); ) {
      List<SpanRecord> spans = it.next();
      int before = spans.size();
      spans.removeIf(s -> s.startEpochNanos() < olderThanEpochNanos);
      deleted += before - spans.size();
      if (spans.isEmpty()) {
        it.remove();
      }
    }
    spanCount -= deleted;
    int logsBefore = logs.size();
    logs.removeIf(l -> logTime(l) < olderThanEpochNanos);
    int metricsBefore = metrics.size();
    metrics.removeIf(m -> m.timeEpochNanos() < olderThanEpochNanos);
    return deleted + (logsBefore - logs.size()) + (metricsBefore - metrics.size());
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void ensureOpen() throws StoreException {
    if (closed) {
      throw new StoreException("in-memory store is closed");
    }
  }

  private static long logTime(LogRecordData l) {
    return l.timeEpochNanos() != 0 ? l.timeEpochNanos() : l.observedEpochNanos();
  }
}
