package io.pipelens.collector.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the span log records found after the store's loaded position at start-up, in batches of
 * {@code batchSpans}, each recorded with the position it reaches: a crash during the replay
 * resumes from the last batch that committed, so no span is loaded twice.
 */
final class SpanLogReplay implements SpanLogRecovery.RecordConsumer {
  private final SpanLogTarget delegate;
  private final int batchSpans;
  private final List<EncodedTrace> pending = new ArrayList<>();
  private int pendingSpans;
  private long pendingEnd;
  private long replayedSpans;

  SpanLogReplay(SpanLogTarget delegate, int batchSpans) {
    this.delegate = delegate;
    this.batchSpans = batchSpans;
  }

  @Override
  public void accept(Path file, long offset, byte[] payload, long endPosition)
      throws StoreException {
    List<EncodedTrace> traces;
    try {
      traces = SpanLogRecords.decode(payload);
      for (EncodedTrace t : traces) {
        SpanBlockCodec.decodeAll(t.block()); // fail here, naming the record, not in the store
      }
    } catch (RuntimeException e) {
      throw new StoreException("span log corrupt: file " + file + " offset " + offset
          + ": the record's checksum is right but its spans do not decode: "
          + e.getMessage(), e);
    }
    for (EncodedTrace t : traces) {
      pending.add(t);
      pendingSpans += t.spanCount();
    }
    pendingEnd = endPosition;
    if (pendingSpans >= batchSpans) {
      finish();
    }
  }

  /** Loads what is still pending. */
  void finish() throws StoreException {
    if (pendingEnd == 0) {
      return;
    }
    delegate.writeEncoded(EncodedTrace.mergeByTrace(List.copyOf(pending)), pendingEnd);
    replayedSpans += pendingSpans;
    pending.clear();
    pendingSpans = 0;
    pendingEnd = 0;
  }

  long replayedSpans() {
    return replayedSpans;
  }
}
