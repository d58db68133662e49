package io.pipelens.alerts.notify;

import java.time.Duration;

/**
 * A notification was not delivered. {@code reason} is a short machine-friendly cause for metrics
 * (e.g. {@code http_503}, {@code timeout}, {@code dingtalk_310000}); the message says more for logs
 * and never contains secrets.
 */
public final class NotifyException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final boolean retryable;
  private final Duration retryAfter;

  public NotifyException(String reason, boolean retryable, String message) {
    this(reason, retryable, null, message, null);
  }

  public NotifyException(String reason, boolean retryable, Duration retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public String reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The platform's requested wait (Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
