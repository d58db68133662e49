package io.pipelens.dashboards;

import io.pipelens.collector.Collector;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real collector (DuckDB store in a temporary data dir) on free 127.0.0.1 ports, with drift
 * windows of {@value #DRIFT_ROWS} rows so a short test fills a reference and one window.
 */
final class LiveCollector implements AutoCloseable {
  static final int DRIFT_ROWS = 40;

  final Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
  final Collector collector;
  /** The webhook receiver the collector's Alertmanager notifies; counts requests. */
  final com.sun.net.httpserver.HttpServer webhook;
  final java.util.concurrent.atomic.AtomicInteger notifications = new java.util.concurrent.atomic.AtomicInteger();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  LiveCollector() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-dashboards-test");
    webhook = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", ex -> {
      ex.getRequestBody().readAllBytes();
      notifications.incrementAndGet();
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    // a second webhook of the receiver refuses (400: not retried), so failed notifications exist too
    webhook.createContext("/refuses", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(400, -1);
      ex.close();
    });
    webhook.start();
    Path alertmanager = dir.resolve("alertmanager.yml");
    Files.writeString(alertmanager, """
        route:
          receiver: pipeline-team
          group_wait: 0s
          group_interval: 1s
        receivers:
          - name: pipeline-team
            webhook_configs:
              - url: http://127.0.0.1:%1$d/hook
              - url: http://127.0.0.1:%1$d/refuses
        """.formatted(webhook.getAddress().getPort()));
    Path rules = Path.of(LiveCollector.class.getResource("/traffic/rules.yml").toURI());
    CollectorConfig base = CollectorConfig.defaults().forTest(dir);
    CollectorConfig.Derived d = base.derived();
    // span metrics and the collector's own meters sampled every 200 ms: rate() has data within seconds
    CollectorConfig config = base
        .withDrift(new CollectorConfig.Drift(DRIFT_ROWS, DRIFT_ROWS, Duration.ofMinutes(10)))
        .withDerived(new CollectorConfig.Derived(d.maxSeries(), d.lookback(), d.maxSpanKeys(),
            Duration.ofMillis(200), d.maxErrorGroups(), d.snapshotInterval()))
        .withRules(io.pipelens.collector.rules.RulesConfig.DEFAULTS.withFiles(java.util.List.of(rules.toString())))
        .withAlerting(new CollectorConfig.Alerting(new CollectorConfig.Listener(true, "127.0.0.1", 0),
            alertmanager.toString(), "", java.util.List.of(), Duration.ofMinutes(1)));
    collector = Collector.start(vertx, config, DuckDbTelemetryStore.open(dir))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  String otlpHttp() {
    return "http://127.0.0.1:" + collector.ports().otlpHttp();
  }

  String api() {
    return "http://127.0.0.1:" + collector.ports().http();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a form to the API port, as Grafana's Prometheus data source does. */
  HttpResponse<String> postForm(String path, java.util.Map<String, String> form) throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return post(api() + path, "application/x-www-form-urlencoded", body.toString());
  }

  HttpResponse<String> post(String url, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    webhook.stop(0);
    try {
      collector.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
