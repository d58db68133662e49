package io.pipelens.collector.ingest;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * WARN for infrastructure problems at most once per interval per key, with the number of
 * occurrences suppressed since the last line, so a failing disk cannot flood the log.
 */
public final class ThrottledWarn {
  private record Slot(AtomicLong lastMillis, AtomicLong suppressed) {}

  private final Logger log;
  private final long intervalMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  public ThrottledWarn(Logger log, long intervalMillis, Clock clock) {
    this.log = log;
    this.intervalMillis = intervalMillis;
    this.clock = clock;
  }

  /** Logs {@code message} (no payloads or secrets) unless {@code key} was logged recently. */
  public void warn(String key, String message) {
    Slot slot = slots.computeIfAbsent(key, k -> new Slot(new AtomicLong(Long.MIN_VALUE / 2), new AtomicLong()));
    long now = clock.millis();
    long last = slot.lastMillis().get();
    if (now - last >= intervalMillis && slot.lastMillis().compareAndSet(last, now)) {
      long skipped = slot.suppressed().getAndSet(0);
      if (skipped > 0) {
        log.warn("{} ({} similar warnings suppressed)", message, skipped);
      } else {
        log.warn(message);
      }
    } else {
      slot.suppressed().incrementAndGet();
    }
  }
}
