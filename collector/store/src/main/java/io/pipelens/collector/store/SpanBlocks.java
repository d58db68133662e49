package io.pipelens.collector.store;

import java.util.List;

/**
 * A batch's spans already grouped by trace and encoded ({@link SpanBlockCodec}), with the summaries
 * the span log and {@code span_chunks} keep beside each block. Ingest builds it on the thread that
 * decoded the request, while the spans are still in that core's cache, so the store's single writer
 * thread only appends bytes; encoding the same spans there later cost about three times as much
 * CPU (the objects had to come back from memory).
 */
public final class SpanBlocks {
  private final List<EncodedTrace> traces;

  private SpanBlocks(List<EncodedTrace> traces) {
    this.traces = traces;
  }

  /**
   * @throws IllegalArgumentException when a span cannot be encoded (an attribute value of a type
   *     the model does not have); the store's writer then names the span in its error
   */
  public static SpanBlocks encode(List<SpanRecord> spans) {
    return new SpanBlocks(List.copyOf(EncodedTrace.group(spans)));
  }

  List<EncodedTrace> traces() {
    return traces;
  }

  /** Spans in all blocks. */
  public int spanCount() {
    int n = 0;
    for (EncodedTrace t : traces) {
      n += t.spanCount();
    }
    return n;
  }
}
