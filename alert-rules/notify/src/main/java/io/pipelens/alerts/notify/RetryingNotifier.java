package io.pipelens.alerts.notify;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries retryable failures (5xx, 429, timeouts, platform rate-limit codes) with exponential
 * backoff: {@code initial}, doubled each time up to {@code max}; a Retry-After from the platform is
 * honoured when longer. Non-retryable failures (bad signature, bad request) fail at once.
 */
public final class RetryingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingNotifier.class);

  private final Notifier delegate;
  private final int maxAttempts;
  private final Duration initial;
  private final Duration max;
  private final Sleeper sleeper;
  private final NotifyListener listener;

  public RetryingNotifier(Notifier delegate, int maxAttempts, Duration initial, Duration max, Sleeper sleeper,
      NotifyListener listener) {
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    this.delegate = delegate;
    this.maxAttempts = maxAttempts;
    this.initial = initial;
    this.max = max;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean sendResolved() {
    return delegate.sendResolved();
  }

  @Override
  public void send(Notification n) throws NotifyException {
    Duration backoff = initial;
    for (int attempt = 1; ; attempt++) {
      try {
        delegate.send(n);
        listener.delivered(n.receiver(), name(), attempt);
        return;
      } catch (NotifyException e) {
        boolean retry = e.retryable() && attempt < maxAttempts;
        listener.attemptFailed(n.receiver(), name(), e.reason(), retry);
        if (!retry) {
          LOG.warn("notify {}/{} failed after {} attempt(s): {}", n.receiver(), name(), attempt, e.getMessage());
          listener.failed(n.receiver(), name(), e.reason());
          throw e;
        }
        Duration wait = e.retryAfter() != null && e.retryAfter().compareTo(backoff) > 0 ? e.retryAfter() : backoff;
        LOG.debug("notify {}/{} attempt {} failed ({}), retrying in {}", n.receiver(), name(), attempt, e.reason(), wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          listener.failed(n.receiver(), name(), "interrupted");
          throw new NotifyException("interrupted", false, null, "interrupted while waiting to retry", ie);
        }
        backoff = backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2);
      }
    }
  }
}
