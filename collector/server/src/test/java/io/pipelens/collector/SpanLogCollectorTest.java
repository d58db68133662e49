package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.config.SpanLogConfig;
import io.pipelens.collector.config.StoreConfig;
import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.pipelens.collector.store.SpanLogStore;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector over the store CollectorMain opens (DuckDB behind the span log): a span sent with
 * the OpenTelemetry SDK is queryable at once, /metrics shows the tail draining into DuckDB, and a
 * graceful close leaves the span in DuckDB and no log behind.
 */
class SpanLogCollectorTest {
  @TempDir Path dir;

  @Test
  void spansAreAcknowledgedFromTheLogAndLoadedIntoDuckDb() throws Exception {
    Vertx vertx = Vertx.vertx();
    HttpClient http = HttpClient.newHttpClient();
    String traceId;
    try {
      CollectorConfig config = CollectorConfig.defaults().forTest(dir);
      TelemetryStore store = CollectorMain.openStore(dir, StoreConfig.from(Map.of()), SpanLogConfig.from(Map.of(
          SpanLogConfig.PREFIX + "load-interval", "200ms")));
      assertThat(store).isInstanceOf(SpanLogStore.class);
      Collector collector = Collector.start(vertx, config, store)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      SpanLogMeters.bindTo(collector.registry(), (SpanLogStore) store);
      String api = "http://127.0.0.1:" + collector.ports().http();

      SdkTracerProvider provider = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + collector.ports().otlpHttp() + "/v1/traces").build()))
          .build();
      var span = provider.get("span-log").spanBuilder("logged").startSpan();
      span.end();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      provider.shutdown().join(10, TimeUnit.SECONDS);
      traceId = span.getSpanContext().getTraceId();

      assertThat(get(http, api + "/api/traces/" + traceId).body()).contains("logged");
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        String metrics = get(http, api + "/metrics").body();
        return metrics.contains("pipelens_store_span_log_tail_spans 0.0")
            && metrics.contains("pipelens_store_span_log_loaded_spans_total 1.0");
      });
      String metrics = get(http, api + "/metrics").body();
      assertThat(metrics).contains("pipelens_store_span_log_loads_total",
          "pipelens_store_span_log_load_seconds_total", "pipelens_store_span_log_tail_bytes",
          "pipelens_store_span_log_bytes", "pipelens_store_span_log_load_failures_total 0.0");

      collector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.list(dir.resolve(CollectorMain.SPAN_LOG_DIR))) {
      assertThat(files.filter(p -> p.toString().endsWith(".spanlog"))).isEmpty();
    }
    try (DuckDbTelemetryStore reopened = DuckDbTelemetryStore.open(dir)) {
      assertThat(reopened.trace(traceId)).singleElement()
          .satisfies(s -> assertThat(s.name()).isEqualTo("logged"));
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
