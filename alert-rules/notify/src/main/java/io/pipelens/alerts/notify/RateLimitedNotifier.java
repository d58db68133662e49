package io.pipelens.alerts.notify;

import java.time.Duration;

/**
 * Waits until the platform's send limit allows another message, before each send. Share one {@link SendRateLimit}
 * per webhook (robot), not per notifier, so two receivers posting to one robot share its budget.
 */
public final class RateLimitedNotifier implements Notifier {
  private final Notifier delegate;
  private final SendRateLimit limit;
  private final Sleeper sleeper;
  private final NotifyListener listener;

  public RateLimitedNotifier(Notifier delegate, SendRateLimit limit, Sleeper sleeper, NotifyListener listener) {
    this.delegate = delegate;
    this.limit = limit;
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
    try {
      Duration waited = limit.acquire(sleeper);
      if (!waited.isZero()) listener.throttled(name(), waited);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotifyException("interrupted", false, null, "interrupted while rate limited", e);
    }
    delegate.send(n);
  }
}
