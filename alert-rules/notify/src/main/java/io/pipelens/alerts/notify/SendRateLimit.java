package io.pipelens.alerts.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A platform's send limit, "at most {@code limit} messages per {@code window}", enforced as a
 * sliding window over the last sends. Unlike a token bucket (which allows a full burst plus the
 * refill within one window) it never exceeds the platform's count in any window, so robots do not
 * answer "rate limited". {@link #acquire} waits through the {@link Sleeper} until a send is
 * allowed: excess messages queue, they are never dropped. Thread-safe; waiters are served in
 * lock order.
 */
public final class SendRateLimit {
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> sent = new ArrayDeque<>();

  public SendRateLimit(int limit, Duration window, Clock clock) {
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** DingTalk and WeCom robots: 20 messages per minute; Feishu: 100 per minute. */
  public static SendRateLimit perMinute(int n, Clock clock) {
    return new SendRateLimit(n, Duration.ofMinutes(1), clock);
  }

  /** Feishu bots: 5 per second. */
  public static SendRateLimit perSecond(int n, Clock clock) {
    return new SendRateLimit(n, Duration.ofSeconds(1), clock);
  }

  /** Records a send, first waiting as long as needed; returns how long it waited. */
  public synchronized Duration acquire(Sleeper sleeper) throws InterruptedException {
    Duration waited = Duration.ZERO;
    while (true) {
      Instant now = clock.instant();
      while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) sent.pollFirst();
      if (sent.size() < limit) {
        sent.addLast(now);
        return waited;
      }
      Duration wait = Duration.between(now, sent.peekFirst().plus(window));
      sleeper.sleep(wait);
      waited = waited.plus(wait);
    }
  }
}
