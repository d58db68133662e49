package io.pipelens.collector.store;

import java.time.Duration;

/**
 * How {@link SpanLogStore} batches its loads and bounds its memory.
 *
 * @param loadBatchSpans the loader starts a load as soon as the tail holds this many spans
 * @param loadInterval ... or when the oldest span in the tail has waited this long
 * @param maxTailSpans {@link SpanLogStore#write} waits for the loader while the tail holds this
 *     many spans or more (backpressure instead of unbounded memory)
 * @param maxTailBytes the same bound in encoded span bytes (about a third of the heap they take)
 * @param segmentBytes a log segment file is closed and a new one started past this size
 */
public record SpanLogSettings(
    int loadBatchSpans,
    Duration loadInterval,
    long maxTailSpans,
    long maxTailBytes,
    long segmentBytes) {

  public static final int DEFAULT_LOAD_BATCH_SPANS = 50_000;
  public static final Duration DEFAULT_LOAD_INTERVAL = Duration.ofSeconds(1);
  public static final long DEFAULT_MAX_TAIL_SPANS = 200_000;
  public static final long DEFAULT_MAX_TAIL_BYTES = 128L << 20;
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  public SpanLogSettings {
    if (loadBatchSpans < 1) {
      throw new IllegalArgumentException("loadBatchSpans must be >= 1, got " + loadBatchSpans);
    }
    if (loadInterval == null || loadInterval.isNegative() || loadInterval.isZero()) {
      throw new IllegalArgumentException("loadInterval must be positive, got " + loadInterval);
    }
    if (maxTailSpans < loadBatchSpans) {
      throw new IllegalArgumentException("maxTailSpans (" + maxTailSpans
          + ") must be >= loadBatchSpans (" + loadBatchSpans + ")");
    }
    if (maxTailBytes < 1) {
      throw new IllegalArgumentException("maxTailBytes must be >= 1, got " + maxTailBytes);
    }
    if (segmentBytes < 1) {
      throw new IllegalArgumentException("segmentBytes must be >= 1, got " + segmentBytes);
    }
  }

  public static SpanLogSettings defaults() {
    return new SpanLogSettings(DEFAULT_LOAD_BATCH_SPANS, DEFAULT_LOAD_INTERVAL,
        DEFAULT_MAX_TAIL_SPANS, DEFAULT_MAX_TAIL_BYTES, DEFAULT_SEGMENT_BYTES);
  }
}
