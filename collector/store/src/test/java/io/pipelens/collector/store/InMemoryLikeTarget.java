package io.pipelens.collector.store;

import java.util.List;

/** An {@link InMemoryTelemetryStore} whose {@link #close} does nothing, to reopen logs over it. */
class InMemoryLikeTarget implements SpanLogTarget {
  final InMemoryTelemetryStore memory = new InMemoryTelemetryStore();

  @Override
  public long loadedSpanLogPosition() throws StoreException {
    return memory.loadedSpanLogPosition();
  }

  @Override
  public void write(List<TelemetryBatch> batches, long position) throws StoreException {
    memory.write(batches, position);
  }

  @Override
  public void write(List<TelemetryBatch> batches) throws StoreException {
    memory.write(batches);
  }

  @Override
  public List<SpanRecord> trace(String traceId) throws StoreException {
    return memory.trace(traceId);
  }

  @Override
  public List<String> findTraceIds(TraceQuery query) throws StoreException {
    return memory.findTraceIds(query);
  }

  @Override
  public List<String> services() throws StoreException {
    return memory.services();
  }

  @Override
  public List<Operation> operations(String serviceName) throws StoreException {
    return memory.operations(serviceName);
  }

  @Override
  public List<String> attributeValues(String serviceName, String key) throws StoreException {
    return memory.attributeValues(serviceName, key);
  }

  @Override
  public List<LogRecordData> logsOfTrace(String traceId) throws StoreException {
    return memory.logsOfTrace(traceId);
  }

  @Override
  public List<MetricPoint> metricPoints(String name, long from, long to) throws StoreException {
    return memory.metricPoints(name, from, to);
  }

  @Override
  public StoreStats stats() throws StoreException {
    return memory.stats();
  }

  @Override
  public long applyRetention(long olderThanEpochNanos, long maxBytes) throws StoreException {
    return memory.applyRetention(olderThanEpochNanos, maxBytes);
  }

  @Override
  public void close() {}
}
