package io.pipelens.collector.store;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store (any delegate) whose writes can be held at a gate or made to fail, to drive the
 * writer into the states the tests need: writer busy, queue full, store down.
 */
final class ControllableStore implements TelemetryStore {
  private final TelemetryStore delegate;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile StoreException failure;
  final AtomicInteger writesEntered = new AtomicInteger();
  final AtomicInteger writeCalls = new AtomicInteger();

  ControllableStore(TelemetryStore delegate) {
    this.delegate = delegate;
  }

  /** Holds every write until {@link #open()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  void failWith(StoreException e) {
    failure = e;
  }

  @Override
  public void write(List<TelemetryBatch> batches) throws StoreException {
    writesEntered.incrementAndGet();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new StoreException("test gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
    writeCalls.incrementAndGet();
    StoreException f = failure;
    if (f != null) {
      throw f;
    }
    delegate.write(batches);
  }

  @Override
  public List<SpanRecord> trace(String traceId) throws StoreException {
    return delegate.trace(traceId);
  }

  @Override
  public List<String> findTraceIds(TraceQuery query) throws StoreException {
    return delegate.findTraceIds(query);
  }

  @Override
  public List<String> services() throws StoreException {
    return delegate.services();
  }

  @Override
  public List<Operation> operations(String serviceName) throws StoreException {
    return delegate.operations(serviceName);
  }

  @Override
  public List<String> attributeValues(String serviceName, String key) throws StoreException {
    return delegate.attributeValues(serviceName, key);
  }

  @Override
  public List<LogRecordData> logsOfTrace(String traceId) throws StoreException {
    return delegate.logsOfTrace(traceId);
  }

  @Override
  public List<MetricPoint> metricPoints(String name, long from, long to) throws StoreException {
    return delegate.metricPoints(name, from, to);
  }

  @Override
  public StoreStats stats() throws StoreException {
    return delegate.stats();
  }

  @Override
  public long applyRetention(long olderThanEpochNanos, long maxBytes) throws StoreException {
    return delegate.applyRetention(olderThanEpochNanos, maxBytes);
  }

  @Override
  public void close() throws StoreException {
    delegate.close();
  }
}
