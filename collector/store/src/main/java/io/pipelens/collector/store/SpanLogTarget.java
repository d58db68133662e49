package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A store the span log loads into ({@code SpanLogStore}): it records, in the same commit as the
 * data, how far into the log it has loaded, so that after a crash the log is replayed from exactly
 * there — nothing loaded twice, nothing skipped.
 */
public interface SpanLogTarget extends TelemetryStore {

  /**
   * The position recorded by the last {@link #write(List, long)} that returned; 0 when none ever
   * did. Survives restarts like the data does.
   */
  long loadedSpanLogPosition() throws StoreException;

  /**
   * {@link #write(List)} that also records {@code spanLogPosition} (not smaller than the current
   * one) atomically with the data: both are durable, or neither.
   */
  void write(List<TelemetryBatch> batches, long spanLogPosition) throws StoreException;

  /**
   * Stores already encoded traces, recording {@code spanLogPosition} like {@link #write(List,
   * long)}. This default decodes them and writes the spans; a store that keeps spans in the
   * encoded form ({@link DuckDbTelemetryStore}) takes the blocks as they are.
   */
  default void writeEncoded(List<EncodedTrace> traces, long spanLogPosition)
      throws StoreException {
    List<SpanRecord> spans = new ArrayList<>();
    long bytes = 0;
    for (EncodedTrace t : traces) {
      spans.addAll(t.spans());
      bytes += t.block().length;
    }
    write(List.of(TelemetryBatch.ofSpans(spans, bytes)), spanLogPosition);
  }
}
