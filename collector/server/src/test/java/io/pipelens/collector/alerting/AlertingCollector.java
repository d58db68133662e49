package io.pipelens.collector.alerting;

import io.pipelens.collector.Collector;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.InMemoryTelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A collector started in-process on free 127.0.0.1 ports (the alerting port included) with its data
 * in a given folder, on a Vert.x that complains when an event loop is blocked for 100 ms.
 */
final class AlertingCollector implements AutoCloseable {
  final Vertx vertx;
  final Collector collector;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  AlertingCollector(Path dataDir, UnaryOperator<CollectorConfig> customize) throws Exception {
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(100).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    CollectorConfig config = customize.apply(CollectorConfig.defaults().forTest(dataDir));
    try {
      collector = Collector.start(vertx, config, new InMemoryTelemetryStore())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  /** Routing by this Alertmanager-format file; the other alerting settings stay as given. */
  static UnaryOperator<CollectorConfig> routing(Path file) {
    return c -> c.withAlerting(c.alerting().withConfigFile(file.toString()));
  }

  String url() {
    return "http://127.0.0.1:" + collector.ports().alerting();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(20))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The API port's /metrics text. */
  String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + collector.ports().http() + "/metrics")).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Override
  public void close() throws Exception {
    try {
      collector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
