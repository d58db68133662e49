package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector over the real DuckDB store: health, ingest, graceful close, data still there. */
class CollectorLifecycleTest {
  @TempDir Path dir;

  @Test
  void readyOverDuckDbStoresDataAndShutsDownCleanly() throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpClient http = HttpClient.newHttpClient();
    String traceId;
    try {
      CollectorConfig config = CollectorConfig.defaults().forTest(dir);
      Collector collector = Collector.start(vertx, config, DuckDbTelemetryStore.open(dir))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String api = "http://127.0.0.1:" + collector.ports().http();
      assertThat(get(http, api + "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(http, api + "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("UP");

      SdkTracerProvider provider = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + collector.ports().otlpHttp() + "/v1/traces").build()))
          .build();
      var span = provider.get("lifecycle").spanBuilder("durable").startSpan();
      span.end();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      provider.shutdown().join(10, TimeUnit.SECONDS);
      traceId = span.getSpanContext().getTraceId();

      collector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(collector.isReady()).isFalse();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    try (DuckDbTelemetryStore reopened = DuckDbTelemetryStore.open(dir)) {
      assertThat(reopened.trace(traceId)).singleElement()
          .satisfies(s -> assertThat(s.name()).isEqualTo("durable"));
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
