package io.pipelens.collector.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a retention policy to a store when run, for a scheduler (a Vert.x periodic timer that
 * hands it to a worker, or a {@code ScheduledExecutorService}). Runs block for the duration of
 * the deletes, checkpoint and, rarely, a file rewrite: never run it on an event loop.
 *
 * @param maxAge data older than this is deleted; {@link Duration#ZERO} = no age limit
 * @param maxBytes the store's size limit in bytes; 0 = no size limit
 */
public record RetentionTask(TelemetryStore store, Clock clock, Duration maxAge, long maxBytes)
    implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);

  public RetentionTask {
    if (store == null || clock == null || maxAge == null) {
      throw new IllegalArgumentException("store, clock and maxAge are required");
    }
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("retention maxAge must not be negative, got " + maxAge);
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("retention maxBytes must be >= 0, got " + maxBytes);
    }
  }

  /** The age cut-off in epoch nanoseconds at the clock's current time. */
  public long cutoffEpochNanos() {
    if (maxAge.isZero()) {
      return Long.MIN_VALUE;
    }
    Instant cutoff = clock.instant().minus(maxAge);
    return Math.multiplyExact(cutoff.getEpochSecond(), 1_000_000_000L) + cutoff.getNano();
  }

  /** Applies the policy once; returns the number of items deleted. */
  public long runOnce() throws StoreException {
    long started = System.nanoTime();
    long deleted = store.applyRetention(cutoffEpochNanos(), maxBytes);
    if (deleted > 0) {
      LOG.info(
          "retention deleted {} items in {} ms", deleted, (System.nanoTime() - started) / 1_000_000);
    }
    return deleted;
  }

  /** Applies the policy, logging instead of throwing so a periodic schedule keeps running. */
  @Override
  public void run() {
    try {
      runOnce();
    } catch (StoreException | RuntimeException e) {
      LOG.warn("retention failed: {}", e.toString());
    }
  }
}
