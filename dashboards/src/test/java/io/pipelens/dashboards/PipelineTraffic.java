package io.pipelens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline telemetry as users send it: the OpenTelemetry Java SDK, pipelens' Python client under
 * real {@code python3} and its R package under real {@code Rscript}, and a client sending bad data.
 */
final class PipelineTraffic {
  private PipelineTraffic() {}

  /** A server span "train" with a failing child "load" (exception event), a counter and a histogram. */
  static void javaSdk(String otlpHttp) {
    Resource resource = Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), "train-model")));
    SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(
            OtlpHttpSpanExporter.builder().setEndpoint(otlpHttp + "/v1/traces").build()))
        .build();
    SdkMeterProvider metrics = SdkMeterProvider.builder().setResource(resource)
        .registerMetricReader(PeriodicMetricReader.builder(
                OtlpHttpMetricExporter.builder().setEndpoint(otlpHttp + "/v1/metrics").build())
            .setInterval(Duration.ofHours(1)).build())
        .build();
    try {
      Tracer tracer = tracing.get("pipeline");
      Span parent = tracer.spanBuilder("train").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Span child = tracer.spanBuilder("load").startSpan();
        child.recordException(new IllegalStateException("disk full"));
        child.setStatus(StatusCode.ERROR, "disk full");
        child.end();
      }
      parent.end();
      Meter meter = metrics.get("pipeline");
      meter.counterBuilder("rows.processed").build().add(5, Attributes.of(AttributeKey.stringKey("stage"), "load"));
      meter.histogramBuilder("step.duration").setUnit("s").build().record(1.5);
      assertThat(tracing.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("spans exported").isTrue();
      assertThat(metrics.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("metrics exported").isTrue();
    } finally {
      tracing.shutdown().join(10, TimeUnit.SECONDS);
      metrics.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** One span with an invalid trace id beside a valid one, and a request that is not JSON. */
  static void badClient(LiveCollector c) throws Exception {
    String partly = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bad-client"}}]},
          "scopeSpans":[{"spans":[
          {"traceId":"bb000000000000000000000000000001","spanId":"0000000000000001","name":"good",
           "startTimeUnixNano":"1","endTimeUnixNano":"2"},
          {"traceId":"not-hex-at-all","spanId":"0000000000000002","name":"bad"}]}]}]}""";
    assertThat(c.post(c.otlpHttp() + "/v1/traces", "application/json", partly).body()).contains("rejectedSpans");
    assertThat(c.post(c.otlpHttp() + "/v1/traces", "application/json", "{").statusCode()).isEqualTo(400);
  }

  static void python(LiveCollector c, Path spool, int rows) throws Exception {
    Path agent = RepoPaths.root().resolve("agent/python");
    String python = System.getenv().getOrDefault("PIPELENS_TEST_PYTHON", "/usr/bin/python3");
    run(List.of(python, script("pipeline.py").toString(), Integer.toString(rows)),
        env(c, spool, Map.of("PYTHONPATH", agent.toString(), "PIPELENS_SERVICE_NAME", "features-py")));
  }

  static void r(LiveCollector c, Path spool, Path library, int rows) throws Exception {
    run(List.of("Rscript", script("pipeline.R").toString(), Integer.toString(rows)),
        env(c, spool, Map.of("R_LIBS", library.toString(), "PIPELENS_SERVICE_NAME", "score-r")));
  }

  /** Installs agent/r into a new temporary R library. */
  static Path installRPackage() throws Exception {
    Path library = Files.createTempDirectory("pipelens-rlib");
    run(List.of("R", "CMD", "INSTALL", "--no-docs", "--no-multiarch", "--library=" + library,
        RepoPaths.root().resolve("agent/r").toString()), Map.of());
    return library;
  }

  private static Path script(String name) throws Exception {
    return Path.of(PipelineTraffic.class.getResource("/traffic/" + name).toURI());
  }

  private static Map<String, String> env(LiveCollector c, Path spool, Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "PIPELENS_ENDPOINT", c.otlpHttp(), "PIPELENS_API_ENDPOINT", c.api(),
        "PIPELENS_SPOOL_DIR", spool.toString(), "PIPELENS_EXPORT_TIMEOUT", "10",
        "PIPELENS_EXIT_TIMEOUT", "30", "PIPELENS_STRICT", "1"));
    env.putAll(extra);
    return env;
  }

  /** Runs a process with a clean pipelens/OTel environment; fails with its output unless it exits 0. */
  static void run(List<String> command, Map<String, String> extraEnv) throws Exception {
    Path out = Files.createTempFile("pipelens-traffic", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PIPELENS_") || k.startsWith("OTEL_")
        || k.equals("TRACEPARENT") || k.equals("TRACESTATE") || k.equals("BAGGAGE"));
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in 300 s:\n" + Files.readString(out));
    }
    assertThat(p.exitValue()).as("%s exited with %s:%n%s", command, p.exitValue(), Files.readString(out)).isZero();
  }
}
