package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import io.pipelens.collector.config.CollectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingServiceTest {
  @TempDir Path dir;

  @Test
  void alertsSentBeforeTheListenersAreUpAreKeptNotLost() {
    try (AlertingService alerting = new AlertingService(CollectorConfig.Alerting.DISABLED, dir,
        new SimpleMeterRegistry(), Clock.systemUTC())) {
      Instant now = Instant.now();
      alerting.sender().send(List.of(
          new OutgoingAlert(Map.of("alertname", "Early"), Map.of(), now, now.plusSeconds(600), ""),
          new OutgoingAlert(Map.of("alertname", "Backwards"), Map.of(), now, now.minusSeconds(600), "")));
      assertThat(alerting.dispatcher()).isNull();

      alerting.start("http://localhost:9093");

      assertThat(alerting.dispatcher().alerts()).extracting(v -> v.alert().name()).containsExactly("Early");
      assertThat(alerting.receivers()).containsExactly("default");
    }
  }

  @Test
  void notificationsAreCountedAndTimedPerReceiverIntegrationAndOutcome() throws Exception {
    try (PlatformServer ok = new PlatformServer(r -> Answer.json(200, "{}"));
        PlatformServer refusing = new PlatformServer(r -> Answer.json(400, "{\"error\":\"bad payload\"}"))) {
      Path routing = Files.writeString(dir.resolve("am.yml"), """
          route:
            receiver: hooks
            group_wait: 0s
          receivers:
            - name: hooks
              webhook_configs:
                - url: %s
                - url: %s
          """.formatted(ok.url("/ok"), refusing.url("/refuse")));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (AlertingService alerting = new AlertingService(
          CollectorConfig.Alerting.DISABLED.withConfigFile(routing.toString()), dir, registry,
          Clock.systemUTC())) {
        alerting.start("http://localhost:9093");
        Instant now = Instant.now();
        alerting.sender().send(List.of(
            new OutgoingAlert(Map.of("alertname", "Lag"), Map.of(), now, now.plusSeconds(600), ""),
            new OutgoingAlert(Map.of("alertname", "Lag", "x", "1"), Map.of(), now, now.plusSeconds(600), "")));

        await().atMost(Duration.ofSeconds(20)).until(() -> count(registry, "failed") == 1 && count(registry, "sent") == 1);
        assertThat(registry.get("pipelens.notification.latency").tag("receiver", "hooks")
            .tag("integration", "webhook").timer().count()).isEqualTo(2);
        assertThat(registry.get("pipelens.alerts").tag("state", "active").gauge().value()).isEqualTo(2);
        assertThat(refusing.requests()).hasSize(1); // a 400 is not retried
      }
    }
  }

  static double count(SimpleMeterRegistry registry, String outcome) {
    var c = registry.find("pipelens.notifications").tags("receiver", "hooks", "integration", "webhook",
        "outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }
}
