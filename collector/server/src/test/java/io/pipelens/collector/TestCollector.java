package io.pipelens.collector;

import io.pipelens.collector.config.CollectorConfig;
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
import java.util.function.UnaryOperator;

/**
 * A collector started in-process on free 127.0.0.1 ports over a {@link RecordingStore}, on a
 * Vert.x whose blocked-thread checker complains after 100 ms on an event loop.
 */
final class TestCollector implements AutoCloseable {
  final Vertx vertx;
  final RecordingStore store = new RecordingStore();
  final Collector collector;
  // HTTP/1.1 like the OTel SDK over http:// (JDK 17's h2c client fails in-flight streams on GOAWAY).
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  TestCollector() throws Exception {
    this(c -> c);
  }

  TestCollector(UnaryOperator<CollectorConfig> customize) throws Exception {
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(100)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(50)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(100)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    Path dir = Files.createTempDirectory("pipelens-collector-test");
    CollectorConfig config = customize.apply(CollectorConfig.defaults().forTest(dir));
    collector = Collector.start(vertx, config, store).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  String otlpHttpUrl(String path) {
    return "http://127.0.0.1:" + collector.ports().otlpHttp() + path;
  }

  String grpcEndpoint() {
    return "http://127.0.0.1:" + collector.ports().otlpGrpc();
  }

  String zipkinUrl() {
    return "http://127.0.0.1:" + collector.ports().zipkin() + "/api/v2/spans";
  }

  String apiUrl(String path) {
    return "http://127.0.0.1:" + collector.ports().http() + path;
  }

  HttpResponse<byte[]> post(String url, String contentType, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws java.util.concurrent.ExecutionException,
      java.util.concurrent.TimeoutException {
    store.release();
    try {
      collector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the collector", e);
    }
  }
}
