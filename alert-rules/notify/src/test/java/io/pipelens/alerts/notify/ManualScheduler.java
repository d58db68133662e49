package io.pipelens.alerts.notify;

import io.pipelens.alerts.notify.dispatch.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler driven by the test: {@link #advance} moves the clock and runs due tasks in time order. */
public final class ManualScheduler implements Scheduler {
  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long seq;

  private final class Task implements Cancellable {
    final Instant due;
    final long order;
    final Runnable run;
    boolean cancelled;

    Task(Instant due, long order, Runnable run) {
      this.due = due;
      this.order = order;
      this.run = run;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  public ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(clock.instant().plus(delay), seq++, task);
    tasks.add(t);
    return t;
  }

  /** Runs everything due now (delay-zero tasks). */
  public void runDue() {
    advance(Duration.ZERO);
  }

  public void advance(Duration d) {
    Instant target = clock.instant().plus(d);
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        next = tasks.stream().filter(t -> !t.due.isAfter(target))
            .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
        if (next == null) break;
        tasks.remove(next);
      }
      if (next.due.isAfter(clock.instant())) clock.set(next.due);
      next.run.run();
    }
    clock.set(target);
  }
}
