package io.pipelens.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code capacity} tokens, one more every {@code refill}. {@link #acquire} waits
 * (through the {@link Sleeper}) until a token is free, so excess messages queue instead of being
 * dropped. Thread-safe; waiters are served in arrival order by the lock.
 */
public final class TokenBucket {
  private final int capacity;
  private final Duration refill;
  private final Clock clock;
  private double tokens;
  private Instant last;

  public TokenBucket(int capacity, Duration refill, Clock clock) {
    this.capacity = capacity;
    this.refill = refill;
    this.clock = clock;
    this.tokens = capacity;
    this.last = clock.instant();
  }

  /** DingTalk/WeCom robots: 20 messages per minute. */
  public static TokenBucket perMinute(int n, Clock clock) {
    return new TokenBucket(n, Duration.ofMinutes(1).dividedBy(n), clock);
  }

  /** Feishu bots: 5 per second. */
  public static TokenBucket perSecond(int n, Clock clock) {
    return new TokenBucket(n, Duration.ofSeconds(1).dividedBy(n), clock);
  }

  /** Takes a token, waiting as needed; returns how long it waited. */
  public synchronized Duration acquire(Sleeper sleeper) throws InterruptedException {
    Duration waited = Duration.ZERO;
    while (true) {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return waited;
      }
      long nanos = (long) Math.ceil((1 - tokens) * refill.toNanos());
      Duration wait = Duration.ofNanos(Math.max(nanos, 1_000_000));
      sleeper.sleep(wait);
      waited = waited.plus(wait);
    }
  }

  private void refill() {
    Instant now = clock.instant();
    long elapsed = Duration.between(last, now).toNanos();
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + (double) elapsed / refill.toNanos());
      last = now;
    }
  }
}
