package io.pipelens.collector.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipelens.alerts.notify.dispatch.AlertView;
import io.pipelens.alerts.notify.dispatch.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The collector's notification metrics (see docs/metrics.md):
 * {@code pipelens_notifications_total{receiver,integration,outcome="sent"|"failed"}},
 * {@code pipelens_notification_latency_seconds{receiver,integration}},
 * {@code pipelens_alerts_forwarded_total{alertmanager,outcome}} and
 * {@code pipelens_alerts{state="active"|"suppressed"|"unprocessed"}}.
 */
final class AlertingMetrics {
  private final MeterRegistry registry;

  AlertingMetrics(MeterRegistry registry, AlertingService alerting) {
    this.registry = registry;
    for (String state : List.of("active", "suppressed", "unprocessed")) {
      Gauge.builder("pipelens.alerts", alerting, a -> count(a.dispatcher(), state))
          .tag("state", state)
          .description("Alerts held by the collector's Alertmanager by state (unprocessed is "
              + "always 0: alerts are routed as they arrive)")
          .register(registry);
    }
  }

  private static double count(Dispatcher dispatcher, String state) {
    if (dispatcher == null) {
      return 0;
    }
    return dispatcher.alerts().stream().map(AlertView::status)
        .filter(s -> s.state().equals(state)).count();
  }

  /** The timer first: once the counter shows a notification, its latency is recorded too. */
  void notification(String receiver, String integration, boolean sent, long nanos) {
    Timer.builder("pipelens.notification.latency")
        .tags("receiver", receiver, "integration", integration)
        .description("Time to deliver (or give up on) one notification, retries included")
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60))
        .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("pipelens.notifications")
        .tags("receiver", receiver, "integration", integration, "outcome", sent ? "sent" : "failed")
        .description("Notifications by outcome, after retries")
        .register(registry).increment();
  }

  void forwarded(String alertmanager, boolean sent, int alerts) {
    Counter.builder("pipelens.alerts.forwarded")
        .tags("alertmanager", alertmanager, "outcome", sent ? "sent" : "failed")
        .description("Alerts forwarded to external Alertmanagers by outcome")
        .register(registry).increment(alerts);
  }
}
