package io.pipelens.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarnTest {
  @Test
  void oneLinePerIntervalWithTheSuppressedCount() {
    Logger logger = (Logger) LoggerFactory.getLogger("throttle-test");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock = new Clock() {
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    ThrottledWarn warn = new ThrottledWarn(logger, 10_000, clock);
    for (int i = 0; i < 5; i++) {
      warn.warn("disk", "store write failed");
    }
    warn.warn("other", "retention failed");
    now.set(now.get().plusSeconds(11));
    warn.warn("disk", "store write failed");
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "store write failed", "retention failed", "store write failed (4 similar warnings suppressed)");
  }
}
