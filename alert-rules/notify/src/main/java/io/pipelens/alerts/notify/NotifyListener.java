package io.pipelens.alerts.notify;

import java.time.Duration;

/**
 * Observes delivery for metrics: the collector implements it with Micrometer counters
 * (notifications_total, notifications_failed_total{reason}, ...). Methods are called on the
 * sending thread and must be quick. All methods default to doing nothing.
 */
public interface NotifyListener {
  NotifyListener NONE = new NotifyListener() {};

  /** Delivered after {@code attempts} tries. */
  default void delivered(String receiver, String integration, int attempts) {}

  /** One attempt failed; {@code willRetry} tells whether another attempt follows. */
  default void attemptFailed(String receiver, String integration, String reason, boolean willRetry) {}

  /** Gave up: the notification was not delivered. */
  default void failed(String receiver, String integration, String reason) {}

  /** Waited for the platform's rate limit before sending. */
  default void throttled(String integration, Duration waited) {}
}
