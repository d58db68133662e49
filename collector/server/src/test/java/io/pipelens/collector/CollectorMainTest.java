package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.collector.store.DuckDbTelemetryStore;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CollectorMain as a process: YAML + env config, the ready line, ingest, SIGTERM, data on disk. */
class CollectorMainTest {
  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process start(Path log, List<String> args, String... env) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // the production logback.xml (JSON lines), not the tests' logback-test.xml
        "-Dlogback.configurationFile=" + CollectorMainTest.class.getResource("/logback.xml"),
        "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PIPELENS_"));
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    return pb.start();
  }

  @Test
  void runsFromConfigAndEnvironmentAndShutsDownOnSigterm() throws Exception {
    int api = freePort();
    int otlp = freePort();
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, """
        collector:
          http:
            host: 127.0.0.1
            port: 1
          otlp:
            grpc:
              enabled: false
            http:
              host: 127.0.0.1
          zipkin:
            enabled: false
          jaeger:
            enabled: false
          data-dir: store
        """);
    Path log = dir.resolve("collector.log");
    Process process = start(log, List.of("--config", config.toString()),
        "PIPELENS_COLLECTOR_HTTP_PORT", Integer.toString(api),
        "PIPELENS_COLLECTOR_OTLP_HTTP_PORT", Integer.toString(otlp),
        "PIPELENS_COLLECTOR_ALERTING_PORT", "-1");
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> Files.readString(log).contains("pipelens collector ready"));
      assertThat(Files.readString(log)).contains("\"level\":\"INFO\"");
      HttpClient http = HttpClient.newHttpClient();
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/health/ready"))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + otlp + "/v1/traces"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofFile(Conformance.otlp("trace.json"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(200);
      // the query API reads the trace back from the real DuckDB store
      HttpResponse<String> trace = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + api + "/api/traces/5b8efff798038103d269b633813fc60c")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
      assertThat(new io.vertx.core.json.JsonObject(trace.body()).getJsonArray("spans")).hasSize(1);
    } finally {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(log)).contains("write queue drained and store closed");
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir.resolve("store"))) {
      assertThat(store.trace("5b8efff798038103d269b633813fc60c")).hasSize(1);
    }
  }

  @Test
  void badConfigurationExitsWithEveryProblem() throws Exception {
    Path log = dir.resolve("bad.log");
    Process process = start(log, List.of(),
        "PIPELENS_COLLECTOR_HTTP_PORT", "eighty", "PIPELENS_COLLECTOR_RETENTION_MAX_AGE", "forever");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log))
        .contains("collector.http.port (from environment variable PIPELENS_COLLECTOR_HTTP_PORT)")
        .contains("collector.retention.max-age (from environment variable PIPELENS_COLLECTOR_RETENTION_MAX_AGE)");
  }
}
