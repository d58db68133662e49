package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.MetricPoint;
import io.pipelens.collector.store.SpanRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real OpenTelemetry Java SDK exports to a running collector; everything lands in the store. */
class OtelSdkIngestTest {
  private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(
      Attributes.of(AttributeKey.stringKey("service.name"), "train-model")));

  @Test
  void otlpHttpProtobufSpansMetricsAndLogsAreStored() throws Exception {
    try (TestCollector c = new TestCollector()) {
      exportAndVerify(c,
          OtlpHttpSpanExporter.builder().setEndpoint(c.otlpHttpUrl("/v1/traces")).build(),
          OtlpHttpMetricExporter.builder().setEndpoint(c.otlpHttpUrl("/v1/metrics")).build(),
          OtlpHttpLogRecordExporter.builder().setEndpoint(c.otlpHttpUrl("/v1/logs")).build());
      assertThat(c.get(c.apiUrl("/metrics")).body())
          .contains("pipelens_ingest_items_accepted_total{protocol=\"otlp_http\",signal=\"traces\"} 2.0");
    }
  }

  @Test
  void otlpGrpcSpansMetricsAndLogsAreStored() throws Exception {
    try (TestCollector c = new TestCollector()) {
      exportAndVerify(c,
          OtlpGrpcSpanExporter.builder().setEndpoint(c.grpcEndpoint()).build(),
          OtlpGrpcMetricExporter.builder().setEndpoint(c.grpcEndpoint()).build(),
          OtlpGrpcLogRecordExporter.builder().setEndpoint(c.grpcEndpoint()).build());
      assertThat(c.get(c.apiUrl("/metrics")).body())
          .contains("pipelens_ingest_items_accepted_total{protocol=\"otlp_grpc\",signal=\"logs\"} 1.0");
    }
  }

  @Test
  void gzipCompressedGrpcExportIsStored() throws Exception {
    try (TestCollector c = new TestCollector()) {
      String traceId = emitSpans(OtlpGrpcSpanExporter.builder()
          .setEndpoint(c.grpcEndpoint()).setCompression("gzip").build());
      assertThat(c.store.trace(traceId)).hasSize(2);
      String metrics = c.get(c.apiUrl("/metrics")).body();
      assertThat(metrics)
          .contains("pipelens_ingest_items_received_total{protocol=\"otlp_grpc\",signal=\"traces\"} 2.0")
          .contains("pipelens_store_commit_latency_seconds_count")
          .contains("pipelens_store_commit_items_count")
          .contains("pipelens_store_disk_bytes")
          .contains("pipelens_ingest_queue_limit_bytes");
    }
  }

  @Test
  void gzipCompressedHttpExportIsStored() throws Exception {
    try (TestCollector c = new TestCollector()) {
      SpanExporter exporter = OtlpHttpSpanExporter.builder()
          .setEndpoint(c.otlpHttpUrl("/v1/traces")).setCompression("gzip").build();
      String traceId = emitSpans(exporter);
      assertThat(c.store.trace(traceId)).hasSize(2);
    }
  }

  private static void exportAndVerify(TestCollector c, SpanExporter spans, MetricExporter metrics,
      LogRecordExporter logs) throws Exception {
    String traceId = emitSpans(spans);
    List<SpanRecord> trace = c.store.trace(traceId);
    assertThat(trace).hasSize(2);
    SpanRecord parent = trace.stream().filter(SpanRecord::isRoot).findFirst().orElseThrow();
    SpanRecord child = trace.stream().filter(s -> !s.isRoot()).findFirst().orElseThrow();
    assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
    assertThat(parent.name()).isEqualTo("train");
    assertThat(parent.kind()).isEqualTo(2);
    assertThat(parent.serviceName()).isEqualTo("train-model");
    assertThat(parent.language()).isEqualTo("java");
    assertThat(parent.resource()).containsEntry("telemetry.sdk.name", "opentelemetry");
    assertThat(parent.scopeName()).isEqualTo("pipeline");
    assertThat(parent.scopeVersion()).isEqualTo("1.2.3");
    assertThat(child.attributes()).containsEntry("rows", 42L).containsEntry("table", "features");
    assertThat(child.statusCode()).isEqualTo(2);
    assertThat(child.statusMessage()).isEqualTo("disk full");
    assertThat(child.events()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("batch loaded");
      assertThat(e.attributes()).containsEntry("batch", 7L);
    });
    assertThat(child.links()).singleElement()
        .satisfies(l -> assertThat(l.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c"));
    assertThat(child.durationNanos()).isPositive();

    emitMetrics(metrics);
    MetricPoint counter = c.store.metrics().stream().filter(p -> p.name().equals("rows.processed"))
        .findFirst().orElseThrow();
    assertThat(counter.type()).isEqualTo(MetricPoint.Type.SUM);
    assertThat(counter.monotonic()).isTrue();
    assertThat(counter.value()).isEqualTo(5.0);
    assertThat(counter.attributes()).containsEntry("stage", "load");
    assertThat(counter.serviceName()).isEqualTo("train-model");
    MetricPoint histogram = c.store.metrics().stream().filter(p -> p.name().equals("step.duration"))
        .findFirst().orElseThrow();
    assertThat(histogram.type()).isEqualTo(MetricPoint.Type.HISTOGRAM);
    assertThat(histogram.count()).isEqualTo(2);
    assertThat(histogram.sum()).isEqualTo(4.5);
    assertThat(histogram.bucketCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

    String logTrace = emitLog(logs);
    List<LogRecordData> logged = c.store.logsOfTrace(logTrace);
    assertThat(logged).singleElement().satisfies(l -> {
      assertThat(l.body()).isEqualTo("model trained");
      assertThat(l.severityNumber()).isEqualTo(Severity.WARN.getSeverityNumber());
      assertThat(l.spanId()).hasSize(16);
      assertThat(l.attributes()).containsEntry("accuracy", 0.93);
      assertThat(l.serviceName()).isEqualTo("train-model");
    });
  }

  private static String emitSpans(SpanExporter exporter) {
    SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    try {
      Tracer tracer = provider.tracerBuilder("pipeline").setInstrumentationVersion("1.2.3").build();
      Span parent = tracer.spanBuilder("train").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Span child = tracer.spanBuilder("load")
            .setAttribute("rows", 42L)
            .setAttribute("table", "features")
            .addLink(io.opentelemetry.api.trace.SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                io.opentelemetry.api.trace.TraceFlags.getSampled(),
                io.opentelemetry.api.trace.TraceState.getDefault()))
            .startSpan();
        child.addEvent("batch loaded", Attributes.of(AttributeKey.longKey("batch"), 7L));
        child.setStatus(StatusCode.ERROR, "disk full");
        child.end();
      }
      parent.end();
      assertSuccess(provider.forceFlush());
      return parent.getSpanContext().getTraceId();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static void emitMetrics(MetricExporter exporter) {
    SdkMeterProvider provider = SdkMeterProvider.builder().setResource(RESOURCE)
        .registerMetricReader(PeriodicMetricReader.builder(exporter)
            .setInterval(Duration.ofHours(1)).build())
        .build();
    try {
      Meter meter = provider.get("pipeline");
      meter.counterBuilder("rows.processed").build()
          .add(5, Attributes.of(AttributeKey.stringKey("stage"), "load"));
      var histogram = meter.histogramBuilder("step.duration").setUnit("s").build();
      histogram.record(1.5);
      histogram.record(3.0);
      assertSuccess(provider.forceFlush());
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static String emitLog(LogRecordExporter exporter) {
    SdkLoggerProvider logs = SdkLoggerProvider.builder().setResource(RESOURCE)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build();
    SdkTracerProvider traces = SdkTracerProvider.builder().setResource(RESOURCE).build();
    try {
      Span span = traces.get("pipeline").spanBuilder("evaluate").startSpan();
      logs.get("pipeline").logRecordBuilder()
          .setContext(Context.root().with(span))
          .setSeverity(Severity.WARN)
          .setBody("model trained")
          .setAttribute(AttributeKey.doubleKey("accuracy"), 0.93)
          .emit();
      span.end();
      assertSuccess(logs.forceFlush());
      return span.getSpanContext().getTraceId();
    } finally {
      logs.shutdown().join(10, TimeUnit.SECONDS);
      traces.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  private static void assertSuccess(CompletableResultCode result) {
    assertThat(result.join(20, TimeUnit.SECONDS).isSuccess())
        .as("export succeeded").isTrue();
  }
}
