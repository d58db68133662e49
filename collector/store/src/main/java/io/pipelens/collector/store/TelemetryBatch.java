package io.pipelens.collector.store;

import java.util.List;

/**
 * What one ingest request carries after decoding: the unit the store commits atomically and the
 * unit the writer acknowledges. {@code encodedBytes} is the request's decoded (uncompressed) size,
 * used to bound the memory held by the write queue.
 *
 * @param spanBlocks the same spans as {@code spans}, already encoded ({@link #withSpanBlocks}), or
 *     null: stores that keep encoded blocks use them instead of encoding {@code spans} again
 */
public record TelemetryBatch(
    List<SpanRecord> spans, List<LogRecordData> logs, List<MetricPoint> metrics, long encodedBytes,
    SpanBlocks spanBlocks) {

  public TelemetryBatch(
      List<SpanRecord> spans, List<LogRecordData> logs, List<MetricPoint> metrics, long encodedBytes) {
    this(spans, logs, metrics, encodedBytes, null);
  }

  public TelemetryBatch {
    if (spanBlocks != null && spanBlocks.spanCount() != spans.size()) {
      throw new IllegalArgumentException("span blocks hold " + spanBlocks.spanCount()
          + " spans, the batch " + spans.size());
    }
  }

  public static TelemetryBatch ofSpans(List<SpanRecord> spans, long encodedBytes) {
    return new TelemetryBatch(spans, List.of(), List.of(), encodedBytes);
  }

  public static TelemetryBatch ofLogs(List<LogRecordData> logs, long encodedBytes) {
    return new TelemetryBatch(List.of(), logs, List.of(), encodedBytes);
  }

  public static TelemetryBatch ofMetrics(List<MetricPoint> metrics, long encodedBytes) {
    return new TelemetryBatch(List.of(), List.of(), metrics, encodedBytes);
  }

  /**
   * This batch with its spans encoded now, on the calling thread ({@link SpanBlocks}); itself when
   * it has no spans or is encoded already.
   *
   * @throws IllegalArgumentException when a span cannot be encoded
   */
  public TelemetryBatch withSpanBlocks() {
    if (spans.isEmpty() || spanBlocks != null) {
      return this;
    }
    return new TelemetryBatch(spans, logs, metrics, encodedBytes, SpanBlocks.encode(spans));
  }

  public int itemCount() {
    return spans.size() + logs.size() + metrics.size();
  }
}
