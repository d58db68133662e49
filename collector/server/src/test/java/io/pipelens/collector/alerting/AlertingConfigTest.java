package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.collector.Collector;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.config.ConfigException;
import io.pipelens.collector.config.ConfigLoader;
import io.pipelens.collector.store.InMemoryTelemetryStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collector.alerting.*}: YAML, environment overrides, defaults and bad values. */
class AlertingConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsOpenPort9093WithoutRoutingOrForwarding() {
    CollectorConfig.Alerting a = ConfigLoader.load(null, Map.of()).alerting();
    assertThat(a.listener()).isEqualTo(new CollectorConfig.Listener(true, "0.0.0.0", 9093));
    assertThat(a.configFile()).isEmpty();
    assertThat(a.alertmanagers()).isEmpty();
    assertThat(a.resendInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void yamlListAndEnvironmentOverrides() throws Exception {
    Path am = Files.writeString(dir.resolve("am.yml"), "route: {receiver: r}\nreceivers: [{name: r}]\n");
    Path file = Files.writeString(dir.resolve("collector.yml"), """
        collector:
          alerting:
            config-file: %s
            external-url: https://pipelens.example.com
            alertmanagers: [http://am-1:9093, 'http://am-2:9093/']
            resend-interval: 30s
        """.formatted(am));
    CollectorConfig.Alerting a = ConfigLoader.load(file,
        Map.of("PIPELENS_COLLECTOR_ALERTING_PORT", "-1")).alerting();
    assertThat(a.listener().enabled()).isFalse();
    assertThat(a.configFile()).isEqualTo(am.toString());
    assertThat(a.externalUrl()).isEqualTo("https://pipelens.example.com");
    assertThat(a.alertmanagers()).containsExactly(URI.create("http://am-1:9093"), URI.create("http://am-2:9093/"));
    assertThat(a.resendInterval()).isEqualTo(Duration.ofSeconds(30));

    CollectorConfig.Alerting env = ConfigLoader.load(null, Map.of(
        "PIPELENS_COLLECTOR_ALERTING_ALERTMANAGERS", "http://a:9093,http://b:9093",
        "PIPELENS_COLLECTOR_ALERTING_PORT", "0")).alerting();
    assertThat(env.alertmanagers()).hasSize(2);
    assertThat(env.listener().port()).isZero();
  }

  @Test
  void everyBadKeyIsReportedAtOnce() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(
        "PIPELENS_COLLECTOR_ALERTING_PORT", "-2",
        "PIPELENS_COLLECTOR_ALERTING_CONFIG_FILE", dir.resolve("missing.yml").toString(),
        "PIPELENS_COLLECTOR_ALERTING_ALERTMANAGERS", "am-without-scheme:9093",
        "PIPELENS_COLLECTOR_ALERTING_EXTERNAL_URL", "pipelens.example.com")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collector.alerting.port (from environment variable PIPELENS_COLLECTOR_ALERTING_PORT)")
        .hasMessageContaining("collector.alerting.config-file (from environment variable")
        .hasMessageContaining("a readable Alertmanager configuration file")
        .hasMessageContaining("collector.alerting.alertmanagers")
        .hasMessageContaining("collector.alerting.external-url");
  }

  @Test
  void aBadRoutingFileStopsTheStartNamingFileAndKey() throws Exception {
    Path am = Files.writeString(dir.resolve("am.yml"), """
        route: {receiver: nobody, group_wait: 30 seconds}
        receivers: [{name: mail}]
        """);
    CollectorConfig config = ConfigLoader.load(null, Map.of()).forTest(dir.resolve("data"));
    CollectorConfig bad = config.withAlerting(config.alerting().withConfigFile(am.toString()));
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> Collector.start(vertx, bad, new InMemoryTelemetryStore())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("collector.alerting.config-file " + am)
          .hasMessageContaining("route.group_wait")
          .hasMessageContaining("undefined receiver \"nobody\"");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
