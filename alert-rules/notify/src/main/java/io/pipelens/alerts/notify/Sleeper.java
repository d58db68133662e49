package io.pipelens.alerts.notify;

import java.time.Duration;

/** Waits between retries and for rate limits; tests replace it with one that advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
