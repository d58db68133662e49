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
  private final List<SpanRecord> pending = new ArrayList<>();
  private long pendingBytes;
  private long pendingEnd;
  private long replayedSpans;

  SpanLogReplay(SpanLogTarget delegate, int batchSpans) {
    this.delegate = delegate;
    this.batchSpans = batchSpans;
  }

  @Override
  public void accept(Path file, long offset, byte[] payload, long endPosition)
      throws StoreException {
    List<SpanRecord> spans;
    try {
      spans = SpanBlockCodec.decode(payload);
    } catch (RuntimeException e) {
      throw new StoreException("span log corrupt: file " + file + " offset " + offset
          + ": the record's checksum is right but its span block does not decode: "
          + e.getMessage(), e);
    }
    pending.addAll(spans);
    pendingBytes += payload.length;
    pendingEnd = endPosition;
    if (pending.size() >= batchSpans) {
      finish();
    }
  }

  /** Loads what is still pending. */
  void finish() throws StoreException {
    if (pendingEnd == 0) {
      return;
    }
    delegate.write(List.of(TelemetryBatch.ofSpans(List.copyOf(pending), pendingBytes)), pendingEnd);
    replayedSpans += pending.size();
    pending.clear();
    pendingBytes = 0;
    pendingEnd = 0;
  }

  long replayedSpans() {
    return replayedSpans;
  }
}
