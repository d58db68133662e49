package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import io.pipelens.collector.config.CollectorConfig;
import java.nio.file.Path;
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
}
