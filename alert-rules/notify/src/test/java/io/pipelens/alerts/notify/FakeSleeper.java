package io.pipelens.alerts.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that does not sleep: it records the wait and advances the fake clock by it. */
public final class FakeSleeper implements Sleeper {
  private final MutableClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    clock.advance(d);
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
