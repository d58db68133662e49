package io.pipelens.alerts.notify.http;

import java.time.Duration;

/** A platform's HTTP answer. {@code retryAfter} is null unless a Retry-After header was sent. */
public record HttpResult(int status, String body, Duration retryAfter) {
  public boolean ok() {
    return status / 100 == 2;
  }
}
