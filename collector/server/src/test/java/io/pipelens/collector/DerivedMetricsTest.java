package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.errors.ErrorGroupQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry SDK sends spans (one failing with an exception) and metrics; the
 * collector's /metrics then shows span RED metrics, error counters and the re-exposed OTLP
 * metrics under Prometheus names, and the whole page passes {@code promtool check metrics}.
 */
class DerivedMetricsTest {
  static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(
      Attributes.of(AttributeKey.stringKey("service.name"), "train-model")));

  @Test
  void metricsPageShowsSpanMetricsErrorsAndOtlpMetricsAndPassesPromtool() throws Exception {
    try (TestCollector c = new TestCollector()) {
      String traceId = emitFailingTrace(c.otlpHttpUrl("/v1/traces"));
      emitMetrics(c.otlpHttpUrl("/v1/metrics"));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
          c.get(c.apiUrl("/metrics")).body()).contains("pipelens_errors_total{", "rows_processed_total{"));
      String page = c.get(c.apiUrl("/metrics")).body();
      assertThat(page)
          // Micrometer's own meters come first, then the derived families
          .contains("pipelens_ingest_items_accepted_total{protocol=\"otlp_http\",signal=\"traces\"} 2.0")
          .contains("# TYPE pipelens_spans_total counter")
          .contains("pipelens_spans_total{language=\"java\",operation=\"load\",service=\"train-model\","
              + "span_kind=\"internal\",status_code=\"error\"} 1")
          .contains("pipelens_spans_total{language=\"java\",operation=\"train\",service=\"train-model\","
              + "span_kind=\"server\",status_code=\"unset\"} 1")
          .contains("# TYPE pipelens_span_duration_seconds histogram")
          .containsPattern("pipelens_span_duration_seconds_bucket\\{language=\"java\",le=\"\\+Inf\",operation=\"load\"[^}]*} 1")
          .contains("pipelens_span_duration_seconds_count{language=\"java\",operation=\"train\"")
          .containsPattern("pipelens_errors_total\\{fingerprint=\"[0-9a-f]+\",language=\"java\","
              + "service=\"train-model\",type=\"java.lang.IllegalStateException\"} 1")
          .contains("# TYPE rows_processed_total counter")
          .containsPattern("rows_processed_total\\{[^}]*stage=\"load\"[^}]*} 5")
          .contains("# TYPE step_duration_seconds histogram")
          .containsPattern("step_duration_seconds_count\\{[^}]*} 2")
          .containsPattern("step_duration_seconds_sum\\{[^}]*} 4.5")
          .contains("pipelens_series_limit 100000.0")
          .contains("pipelens_series_samples_rejected_total{reason=\"series_limit\"} 0.0");
      assertThat(page.indexOf("pipelens_ingest_items_accepted_total"))
          .isLessThan(page.indexOf("# TYPE pipelens_spans_total"));
      assertThat(c.collector.derived().errors().errorsOfTrace(traceId)).singleElement()
          .satisfies(e -> assertThat(e.message()).isEqualTo("disk full"));
      assertPromtoolAccepts(page);
    }
  }

  @Test
  void errorGroupsSurviveARestartThroughTheSnapshotInTheDataDir() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-derived");
    try (TestCollector c = new TestCollector(cfg -> {
      CollectorConfig.Derived d = cfg.derived();
      return cfg.forTest(dir).withDerived(new CollectorConfig.Derived(d.maxSeries(), d.lookback(),
          d.maxSpanKeys(), d.collectInterval(), d.maxErrorGroups(), Duration.ofMillis(200)));
    })) {
      emitFailingTrace(c.otlpHttpUrl("/v1/traces"));
      // the periodic snapshot writes the group while the collector runs
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("errors.json"))
          && Files.readString(dir.resolve("errors.json")).contains("java.lang.IllegalStateException"));
    }
    assertThat(dir.resolve("errors.json")).exists();
    try (TestCollector c = new TestCollector(cfg -> cfg.forTest(dir))) {
      assertThat(c.collector.derived().errors().stats().groups()).isEqualTo(1);
      assertThat(c.collector.derived().errors().groups(ErrorGroupQuery.all())).singleElement()
          .satisfies(g -> assertThat(g.type()).isEqualTo("java.lang.IllegalStateException"));
      assertThat(c.get(c.apiUrl("/api/errors")).body()).contains("\"type\":\"java.lang.IllegalStateException\"");
    }
  }

  @Test
  void anUnreadableErrorSnapshotStopsStartUpNamingTheFile() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-derived");
    Files.writeString(dir.resolve("errors.json"), "{not json");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    RecordingStore store = new RecordingStore();
    try {
      var started = Collector.start(vertx, CollectorConfig.defaults().forTest(dir), store);
      assertThat(started.failed()).isTrue();
      assertThat(started.cause()).hasMessageContaining("error group snapshot")
          .hasMessageContaining(dir.resolve("errors.json").toString());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static void assertPromtoolAccepts(String page) throws Exception {
    Path out = Files.createTempFile("promtool", ".log");
    Process p = new ProcessBuilder("promtool", "check", "metrics")
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try (var in = p.getOutputStream()) {
      in.write(page.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool check metrics said:%n%s", Files.readString(out)).isZero();
  }

  /** A server span "train" with a failing child "load" that recorded an exception; the trace id. */
  static String emitFailingTrace(String endpoint) {
    return emitFailingTrace(endpoint, null);
  }

  static String emitFailingTrace(String endpoint, String ingestToken) {
    var exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint);
    if (ingestToken != null) {
      exporter.addHeader("Authorization", "Bearer " + ingestToken);
    }
    SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter.build())).build();
    try {
      Tracer tracer = provider.get("pipeline");
      Span parent = tracer.spanBuilder("train").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Span child = tracer.spanBuilder("load").setAttribute("table", "features").startSpan();
        child.recordException(new IllegalStateException("disk full"));
        child.setStatus(StatusCode.ERROR, "disk full");
        child.end();
      }
      parent.end();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      return parent.getSpanContext().getTraceId();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  static void emitMetrics(String endpoint) {
    SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
        .registerMetricReader(PeriodicMetricReader.builder(
                OtlpHttpMetricExporter.builder().setEndpoint(endpoint).build())
            .setInterval(Duration.ofHours(1)).build())
        .build();
    try {
      Meter meter = provider.get("pipeline");
      meter.counterBuilder("rows.processed").setDescription("Rows processed").build()
          .add(5, Attributes.of(AttributeKey.stringKey("stage"), "load"));
      var histogram = meter.histogramBuilder("step.duration").setDescription("Step duration")
          .setUnit("s").build();
      histogram.record(1.5);
      histogram.record(3.0);
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
