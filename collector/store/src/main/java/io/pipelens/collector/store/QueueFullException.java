package io.pipelens.collector.store;

/**
 * The write queue holds its byte limit already; the caller should answer 429/503 with Retry-After.
 * Carries no stack trace: it is a flow-control signal on the hot path, not a bug.
 */
public final class QueueFullException extends RuntimeException {
  public QueueFullException(long queuedBytes, long limitBytes) {
    super("write queue full: " + queuedBytes + " of " + limitBytes + " bytes queued", null, false, false);
  }
}
