package io.pipelens.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsNeedNoFile() {
    CollectorConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config.http()).isEqualTo(new CollectorConfig.Listener(true, "0.0.0.0", 8080));
    assertThat(config.otlpGrpc().port()).isEqualTo(4317);
    assertThat(config.otlpHttp().port()).isEqualTo(4318);
    assertThat(config.zipkin().port()).isEqualTo(9411);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.ingest().maxBodyBytes()).isEqualTo(16L << 20);
    assertThat(config.ingest().maxQueueBytes()).isEqualTo(256L << 20);
    assertThat(config.ingest().retryAfterSeconds()).isEqualTo(5);
    assertThat(config.tls().enabled()).isFalse();
    assertThat(config.retention().maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(config.retention().maxDiskBytes()).isZero();
  }

  @Test
  void yamlFileThenEnvironmentOverrides() throws Exception {
    Path file = dir.resolve("collector.yaml");
    Files.writeString(file, """
        collector:
          http:
            port: 9000
          otlp:
            grpc:
              enabled: false
          data-dir: /var/lib/pipelens
          ingest:
            max-body-bytes: 1MiB
          auth:
            ingest-token: from-file
          retention:
            max-age: 0
            max-disk-bytes: 10GiB
        """);
    CollectorConfig config = ConfigLoader.load(file, Map.of(
        "PIPELENS_COLLECTOR_HTTP_PORT", "9100",
        "PIPELENS_COLLECTOR_AUTH_QUERY_TOKEN", "from-env",
        "PIPELENS_COLLECTOR_INGEST_RETRY_AFTER", "2m"));
    assertThat(config.http().port()).isEqualTo(9100);
    assertThat(config.otlpGrpc().enabled()).isFalse();
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/pipelens"));
    assertThat(config.ingest().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(config.ingest().retryAfterSeconds()).isEqualTo(120);
    assertThat(config.auth().ingestToken()).isEqualTo("from-file");
    assertThat(config.auth().queryToken()).isEqualTo("from-env");
    assertThat(config.auth().toString()).doesNotContain("from-file").doesNotContain("from-env");
    assertThat(config.retention().maxAge()).isZero();
    assertThat(config.retention().maxDiskBytes()).isEqualTo(10L << 30);
  }

  @Test
  void everyBadKeyIsReportedAtOnceWithItsPath() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        collector:
          http:
            port: 70000
          zipkin:
            enabled: maybe
          ingest:
            max-body-bytes: lots
          retention:
            interval: soon
          tls:
            cert-file: /nonexistent/cert.pem
          colour: blue
        """);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file,
        Map.of("PIPELENS_COLLECTOR_OTLP_HTTP_PORT", "http")));
    assertThat(e.problems()).hasSize(8);
    assertThat(e.getMessage())
        .contains("collector.http.port (from " + file + "): expected a port number 0-65535")
        .contains("collector.otlp.http.port (from environment variable PIPELENS_COLLECTOR_OTLP_HTTP_PORT)")
        .contains("collector.zipkin.enabled").contains("true or false")
        .contains("collector.ingest.max-body-bytes").contains("16MiB")
        .contains("collector.retention.interval").contains("a duration above 0")
        .contains("collector.tls.key-file").contains("needs both")
        .contains("collector.tls.cert-file").contains("a readable PEM file")
        .contains("collector.colour (in " + file + "): unknown key");
  }

  @Test
  void unreadableYamlNamesTheFile() throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "collector: [unclosed");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    assertThat(e.getMessage()).contains("config file " + file + ": cannot read YAML");
  }

  @Test
  void derivedTelemetryAndJaegerKeys() {
    CollectorConfig defaults = ConfigLoader.load(null, Map.of());
    assertThat(defaults.jaeger().port()).isEqualTo(16686);
    assertThat(defaults.jaeger().enabled()).isTrue();
    assertThat(defaults.derived().maxSeries()).isEqualTo(100_000);
    assertThat(defaults.derived().lookback()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.derived().snapshotInterval()).isEqualTo(Duration.ofMinutes(1));
    CollectorConfig set = ConfigLoader.load(null, Map.of(
        "PIPELENS_COLLECTOR_JAEGER_PORT", "26686",
        "PIPELENS_COLLECTOR_SERIES_MAX_SERIES", "500",
        "PIPELENS_COLLECTOR_SERIES_LOOKBACK", "30m",
        "PIPELENS_COLLECTOR_ERRORS_MAX_GROUPS", "7"));
    assertThat(set.jaeger().port()).isEqualTo(26686);
    assertThat(set.derived().maxSeries()).isEqualTo(500);
    assertThat(set.derived().lookback()).isEqualTo(Duration.ofMinutes(30));
    assertThat(set.derived().maxErrorGroups()).isEqualTo(7);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(null,
        Map.of("PIPELENS_COLLECTOR_SERIES_MAX_SERIES", "0",
            "PIPELENS_COLLECTOR_SERIES_LOOKBACK", "forever")));
    assertThat(e.getMessage())
        .contains("collector.series.max-series (from environment variable "
            + "PIPELENS_COLLECTOR_SERIES_MAX_SERIES): expected a whole number")
        .contains("collector.series.lookback (from environment variable "
            + "PIPELENS_COLLECTOR_SERIES_LOOKBACK): expected a duration above 0");
  }

  @Test
  void commitDelayKey() {
    assertThat(ConfigLoader.load(null, Map.of()).ingest().commitDelay())
        .isEqualTo(Duration.ofMillis(1));
    assertThat(ConfigLoader.load(null, Map.of("PIPELENS_COLLECTOR_INGEST_COMMIT_DELAY", "0"))
        .ingest().commitDelay()).isZero();
    assertThat(ConfigLoader.load(null, Map.of("PIPELENS_COLLECTOR_INGEST_COMMIT_DELAY", "5ms"))
        .ingest().commitDelay()).isEqualTo(Duration.ofMillis(5));
    for (String bad : new String[] {"2s", "soon", "-1ms"}) {
      ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(null,
          Map.of("PIPELENS_COLLECTOR_INGEST_COMMIT_DELAY", bad)));
      assertThat(e.getMessage()).as(bad).contains("collector.ingest.commit-delay");
    }
  }

  @Test
  void driftKeys() {
    CollectorConfig defaults = ConfigLoader.load(null, Map.of());
    assertThat(defaults.drift()).isEqualTo(CollectorConfig.Drift.DEFAULTS);
    assertThat(defaults.drift().referenceRows()).isEqualTo(1000);
    CollectorConfig set = ConfigLoader.load(null, Map.of(
        "PIPELENS_COLLECTOR_DRIFT_REFERENCE_ROWS", "5000",
        "PIPELENS_COLLECTOR_DRIFT_WINDOW_ROWS", "250",
        "PIPELENS_COLLECTOR_DRIFT_SNAPSHOT_INTERVAL", "30s"));
    assertThat(set.drift()).isEqualTo(new CollectorConfig.Drift(5000, 250, Duration.ofSeconds(30)));
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(null,
        Map.of("PIPELENS_COLLECTOR_DRIFT_REFERENCE_ROWS", "0",
            "PIPELENS_COLLECTOR_DRIFT_SNAPSHOT_INTERVAL", "never")));
    assertThat(e.getMessage())
        .contains("collector.drift.reference-rows (from environment variable "
            + "PIPELENS_COLLECTOR_DRIFT_REFERENCE_ROWS): expected a whole number 1-10000000")
        .contains("collector.drift.snapshot-interval (from environment variable "
            + "PIPELENS_COLLECTOR_DRIFT_SNAPSHOT_INTERVAL): expected a duration above 0");
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(ConfigKeys.envName("collector.http.port")).isEqualTo("PIPELENS_COLLECTOR_HTTP_PORT");
    assertThat(ConfigKeys.envName("collector.ingest.max-body-bytes"))
        .isEqualTo("PIPELENS_COLLECTOR_INGEST_MAX_BODY_BYTES");
  }
}
