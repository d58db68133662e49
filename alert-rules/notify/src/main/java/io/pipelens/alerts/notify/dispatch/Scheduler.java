package io.pipelens.alerts.notify.dispatch;

import java.time.Duration;

/**
 * Runs tasks after a delay. The dispatcher's timers go through it so tests can drive time by hand;
 * production uses {@link ExecutorScheduler}. Tasks of one scheduler never run concurrently.
 */
public interface Scheduler {
  /** A scheduled task that can be called off. */
  interface Cancellable {
    void cancel();
  }

  Cancellable schedule(Duration delay, Runnable task);
}
