package io.pipelens.example;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real collector (collector/server's build) as a separate JVM on fixed loopback ports, so it
 * can be stopped and started again on the same data folder and the clients' endpoints stay valid.
 */
final class CollectorProcess implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final int apiPort = Repo.freePort();
  final int otlpPort = Repo.freePort();
  /** Alertmanager API v2 listener (its default 9093 would clash with other collectors here). */
  final int alertingPort = Repo.freePort();
  private final Path log;
  private final Map<String, String> settings;
  private ChildProcess process;
  private Path dataDir;

  /** {@code settings}: extra PIPELENS_COLLECTOR_* environment. */
  CollectorProcess(Path log, Map<String, String> settings) {
    this.log = log;
    this.settings = new HashMap<>(settings);
  }

  /** Removes a PIPELENS_COLLECTOR_* variable from the next start. */
  void unset(String variable) {
    settings.remove(variable);
  }

  /** Sets a PIPELENS_COLLECTOR_* variable for the next start. */
  void set(String variable, String value) {
    settings.put(variable, value);
  }

  Path dataDir() {
    return dataDir;
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  String otlpUrl() {
    return "http://127.0.0.1:" + otlpPort;
  }

  /** Starts on {@code dataDir} (a new one for a clean store, the same one for a restart). */
  CollectorProcess start(Path dataDir) {
    this.dataDir = dataDir;
    Map<String, String> env = new HashMap<>();
    env.put("PIPELENS_COLLECTOR_HTTP_HOST", "127.0.0.1");
    env.put("PIPELENS_COLLECTOR_HTTP_PORT", String.valueOf(apiPort));
    env.put("PIPELENS_COLLECTOR_OTLP_HTTP_HOST", "127.0.0.1");
    env.put("PIPELENS_COLLECTOR_OTLP_HTTP_PORT", String.valueOf(otlpPort));
    env.put("PIPELENS_COLLECTOR_OTLP_GRPC_ENABLED", "false");
    env.put("PIPELENS_COLLECTOR_ZIPKIN_ENABLED", "false");
    env.put("PIPELENS_COLLECTOR_JAEGER_ENABLED", "false");
    env.put("PIPELENS_COLLECTOR_ALERTING_HOST", "127.0.0.1");
    env.put("PIPELENS_COLLECTOR_ALERTING_PORT", String.valueOf(alertingPort));
    env.put("PIPELENS_COLLECTOR_DATA_DIR", dataDir.toString());
    env.put("PIPELENS_COLLECTOR_SERIES_COLLECT_INTERVAL", "1s");
    env.putAll(settings);
    process = ChildProcess.start("collector", List.of(Repo.java(), "-Xmx512m", "-cp",
        Repo.collectorClasspath(), "io.pipelens.collector.CollectorMain"), env, log);
    await("collector ready (log " + log + ")").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          if (!process.alive()) {
            throw new AssertionError("collector exited:\n" + process.tail());
          }
          return get("/health/ready").statusCode() == 200;
        });
    return this;
  }

  /** SIGTERM: the collector drains its write queue into the store and closes it. */
  void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl() + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new FailedResponse(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sum of a metric over the series of the /metrics page that carry all {@code labels}. */
  double metric(String name, String... labels) {
    double sum = 0;
    for (String line : get("/metrics").body().split("\n")) {
      if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < labels.length; i += 2) {
        all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      if (all) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  @Override
  public void close() {
    stop();
  }
}
