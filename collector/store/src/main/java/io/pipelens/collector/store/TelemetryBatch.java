package io.pipelens.collector.store;

import java.util.List;

/**
 * What one ingest request carries after decoding: the unit the store commits atomically and the
 * unit the writer acknowledges. {@code encodedBytes} is the request's decoded (uncompressed) size,
 * used to bound the memory held by the write queue.
 */
public record TelemetryBatch(
    List<SpanRecord> spans, List<LogRecordData> logs, List<MetricPoint> metrics, long encodedBytes) {

  public static TelemetryBatch ofSpans(List<SpanRecord> spans, long encodedBytes) {
    return new TelemetryBatch(spans, List.of(), List.of(), encodedBytes);
  }

  public static TelemetryBatch ofLogs(List<LogRecordData> logs, long encodedBytes) {
    return new TelemetryBatch(List.of(), logs, List.of(), encodedBytes);
  }

  public static TelemetryBatch ofMetrics(List<MetricPoint> metrics, long encodedBytes) {
    return new TelemetryBatch(List.of(), List.of(), metrics, encodedBytes);
  }

  public int itemCount() {
    return spans.size() + logs.size() + metrics.size();
  }
}
