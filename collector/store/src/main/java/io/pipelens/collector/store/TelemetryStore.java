package io.pipelens.collector.store;

import java.util.List;

/**
 * Where accepted telemetry lives. The collector's ingest and query code talk only to this
 * interface, so a second backend (ClickHouse) can be added without touching them; every
 * implementation passes {@code TelemetryStoreContract} (test-jar).
 *
 * <p>Threading: {@link #write} is called by one writer thread at a time ({@link GroupCommitWriter});
 * reads may come from any thread concurrently with writes.
 */
public interface TelemetryStore extends AutoCloseable {

  /**
   * Stores the batches in one commit. When this returns normally every item is durable: it
   * survives a crash of the process ({@code kill -9}). On an exception nothing of the call may be
   * assumed stored.
   */
  void write(List<TelemetryBatch> batches) throws StoreException;

  /**
   * Whether {@link #write} uses a batch's {@link TelemetryBatch#spanBlocks} when it has them, so
   * that ingest should encode spans before handing them over ({@link TelemetryBatch#withSpanBlocks}).
   */
  default boolean takesSpanBlocks() {
    return false;
  }

  /** Every span of one trace (lower-case hex id), in start-time order; empty when unknown. */
  List<SpanRecord> trace(String traceId) throws StoreException;

  /**
   * Ids of the traces matching {@code query} (see {@link TraceQuery} for the semantics every store
   * shares), newest first, at most {@code query.limit()}.
   */
  List<String> findTraceIds(TraceQuery query) throws StoreException;

  /**
   * The matching traces, each as {@link #trace} returns it, in {@link #findTraceIds} order. A trace
   * deleted between the two steps (retention) is left out.
   */
  default List<List<SpanRecord>> findTraces(TraceQuery query) throws StoreException {
    List<List<SpanRecord>> out = new java.util.ArrayList<>();
    for (String id : findTraceIds(query)) {
      List<SpanRecord> spans = trace(id);
      if (!spans.isEmpty()) {
        out.add(spans);
      }
    }
    return out;
  }

  /** Service names of every stored span, sorted, without the empty name. Survives restarts. */
  List<String> services() throws StoreException;

  /** The distinct span names and kinds of one service's stored spans, by name then kind. */
  List<Operation> operations(String serviceName) throws StoreException;

  /**
   * Distinct non-empty string values of span attribute {@code key} on one service's spans, sorted
   * (e.g. {@code peer.service} for Zipkin's remote service names).
   */
  List<String> attributeValues(String serviceName, String key) throws StoreException;

  /** Log records tied to one trace, in time order. */
  List<LogRecordData> logsOfTrace(String traceId) throws StoreException;

  /** Metric points of one metric name whose time lies in [fromEpochNanos, toEpochNanos). */
  List<MetricPoint> metricPoints(String name, long fromEpochNanos, long toEpochNanos)
      throws StoreException;

  /** Counts and on-disk size, for the collector's own metrics. */
  StoreStats stats() throws StoreException;

  /**
   * Deletes data older than {@code olderThanEpochNanos} and then, while the store is larger than
   * {@code maxBytes} (0 = no size limit), the oldest data. Returns the number of items deleted.
   */
  long applyRetention(long olderThanEpochNanos, long maxBytes) throws StoreException;

  @Override
  void close() throws StoreException;
}
