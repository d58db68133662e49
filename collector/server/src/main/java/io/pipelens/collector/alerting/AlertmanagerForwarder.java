package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.alert.Alert;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forwards alerts to external Alertmanagers as Prometheus does ({@code POST /api/v2/alerts}, at
 * most 64 alerts a request): new alerts at once, and every alert still firing again every
 * {@code resendInterval}, so an Alertmanager that restarted (it keeps alerts in memory only) learns
 * them again. Each Alertmanager has its own {@link ForwardTarget} thread, so a dead one delays no
 * other; what waits for it is at most the latest version of each alert.
 */
final class AlertmanagerForwarder implements AutoCloseable {
  private record Held(Alert alert, Instant receivedAt) {}

  private final List<ForwardTarget> targets;
  private final Duration resendInterval;
  private final Duration resolveTimeout;
  private final Clock clock;
  private final ScheduledExecutorService resender = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pipelens-alert-resend");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Held> held = new LinkedHashMap<>();

  AlertmanagerForwarder(List<URI> alertmanagers, Duration resendInterval, Duration resolveTimeout,
      AlertingMetrics metrics, Clock clock) {
    this.targets = alertmanagers.stream().map(u -> new ForwardTarget(u, metrics)).toList();
    this.resendInterval = resendInterval;
    this.resolveTimeout = resolveTimeout;
    this.clock = clock;
  }

  void start() {
    long ms = Math.max(1, resendInterval.toMillis());
    resender.scheduleWithFixedDelay(this::resendFiring, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Sends these alerts now; firing ones are remembered and re-sent until they end. */
  void offer(List<Alert> alerts) {
    synchronized (this) {
      Instant now = clock.instant();
      for (Alert a : alerts) {
        held.put(a.fingerprint(), new Held(a, now));
      }
      dropResolved(now);
    }
    targets.forEach(t -> t.enqueue(alerts));
  }

  /** Alerts without an end are held for the routing configuration's resolve_timeout. */
  private void dropResolved(Instant now) {
    held.values().removeIf(h -> h.alert().endsAt() != null
        ? !h.alert().endsAt().isAfter(now)
        : !h.receivedAt().plus(resolveTimeout).isAfter(now));
  }

  private void resendFiring() {
    List<Alert> firing;
    synchronized (this) {
      dropResolved(clock.instant());
      firing = held.values().stream().map(Held::alert).toList();
    }
    if (!firing.isEmpty()) {
      targets.forEach(t -> t.enqueue(firing));
    }
  }

  @Override
  public void close() {
    resender.shutdownNow();
    targets.forEach(ForwardTarget::close);
  }
}
