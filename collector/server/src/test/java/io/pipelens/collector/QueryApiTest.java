package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.errors.ErrorSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipelens JSON query API over a trace and a log sent by the real OpenTelemetry SDK. */
class QueryApiTest {
  static final String TOKEN = "query-secret";
  static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
  static TestCollector c;
  static String traceId;
  static String fingerprint;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector(cfg -> cfg.withAuth(new CollectorConfig.Auth("", TOKEN)));
    traceId = DerivedMetricsTest.emitFailingTrace(c.otlpHttpUrl("/v1/traces"));
    emitLog(traceId);
    await().atMost(Duration.ofSeconds(20)).until(
        () -> !c.collector.derived().errors().errorsOfTrace(traceId).isEmpty());
    fingerprint = c.collector.derived().errors().errorsOfTrace(traceId).stream()
        .filter(e -> e.source() == ErrorSource.SPAN_EVENT).findFirst().orElseThrow().fingerprint();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void traceShowsEverySpanWithItsDetailsAndTheTraceLogs() throws Exception {
    JsonObject trace = getJson("/api/traces/" + traceId.toUpperCase(), 200);
    assertThat(trace.getString("traceId")).isEqualTo(traceId);
    JsonArray spans = trace.getJsonArray("spans");
    assertThat(spans).hasSize(2);
    JsonObject train = find(spans, "train");
    JsonObject load = find(spans, "load");
    assertThat(train.getString("parentSpanId")).isEmpty();
    assertThat(train.getString("kind")).isEqualTo("server");
    assertThat(load.getString("parentSpanId")).isEqualTo(train.getString("spanId"));
    assertThat(load.getString("service")).isEqualTo("train-model");
    assertThat(load.getString("language")).isEqualTo("java");
    assertThat(load.getJsonObject("status").getString("code")).isEqualTo("error");
    assertThat(load.getJsonObject("status").getString("message")).isEqualTo("disk full");
    assertThat(load.getJsonObject("attributes").getString("table")).isEqualTo("features");
    assertThat(Long.parseLong(load.getString("endTimeUnixNano")))
        .isEqualTo(Long.parseLong(load.getString("startTimeUnixNano")) + load.getLong("durationNanos"));
    JsonObject event = load.getJsonArray("events").getJsonObject(0);
    assertThat(event.getString("name")).isEqualTo("exception");
    assertThat(event.getJsonObject("attributes").getString("exception.type"))
        .isEqualTo("java.lang.IllegalStateException");
    JsonObject log = trace.getJsonArray("logs").getJsonObject(0);
    assertThat(log.getString("body")).isEqualTo("load failed");
    assertThat(log.getInteger("severityNumber")).isEqualTo(Severity.ERROR.getSeverityNumber());
    assertThat(log.getString("spanId")).isEqualTo(load.getString("spanId"));
  }

  @Test
  void errorGroupsAreListedFilteredAndLinkToTheirTraces() throws Exception {
    JsonArray groups = getJson("/api/errors?service=train-model&language=java&limit=10", 200)
        .getJsonArray("groups");
    JsonObject group = groups.stream().map(JsonObject.class::cast)
        .filter(g -> g.getString("fingerprint").equals(fingerprint)).findFirst().orElseThrow();
    assertThat(group.getString("type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(group.getString("message")).isEqualTo("disk full");
    assertThat(group.getLong("count")).isEqualTo(1);
    assertThat(group.getJsonArray("recentTraces").getJsonObject(0).getString("url"))
        .isEqualTo("/api/traces/" + traceId);
    assertThat(getJson("/api/errors?service=other-service", 200).getJsonArray("groups")).isEmpty();
    assertThat(getJson("/api/errors?language=python", 200).getJsonArray("groups")).isEmpty();
    assertThat(getJson("/api/errors?to=2000-01-01T00:00:00Z", 200).getJsonArray("groups")).isEmpty();
    assertThat(getJson("/api/errors?from=2000-01-01T00:00:00Z", 200).getJsonArray("groups")).isNotEmpty();

    JsonObject detail = getJson("/api/errors/" + fingerprint, 200);
    assertThat(detail.getJsonObject("group").getString("fingerprint")).isEqualTo(fingerprint);
    JsonObject occurrence = detail.getJsonArray("recentOccurrences").getJsonObject(0);
    assertThat(occurrence.getString("traceUrl")).isEqualTo("/api/traces/" + traceId);
    assertThat(occurrence.getString("stacktrace")).contains("java.lang.IllegalStateException: disk full");
    assertThat(occurrence.getJsonArray("frames")).isNotEmpty();

    JsonArray traceErrors = getJson("/api/traces/" + traceId + "/errors", 200).getJsonArray("errors");
    assertThat(traceErrors.stream().map(JsonObject.class::cast).map(e -> e.getString("fingerprint")))
        .contains(fingerprint);
  }

  @Test
  void badOrUnknownInputGetsAClearError() throws Exception {
    assertThat(getJson("/api/traces/not-hex", 400).getString("error")).contains("invalid trace id 'not-hex'");
    assertThat(getJson("/api/traces/0123456789abcdef0123456789abcdef", 404).getString("error"))
        .contains("not found");
    assertThat(getJson("/api/errors/nope", 404).getString("error")).contains("error group nope");
    assertThat(getJson("/api/errors?limit=0", 400).getString("error")).startsWith("limit:");
    assertThat(getJson("/api/errors?language=cobol", 400).getString("error")).startsWith("language:");
    assertThat(getJson("/api/errors?from=yesterday", 400).getString("error")).startsWith("from:");
    assertThat(getJson("/api/errors?sort=random", 400).getString("error")).startsWith("sort:");
    HttpResponse<String> anonymous = c.get(c.apiUrl("/api/traces/" + traceId));
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  static JsonObject getJson(String path, int status) throws Exception {
    HttpResponse<String> r = c.get(c.apiUrl(path), AUTH);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    return new JsonObject(r.body());
  }

  static JsonObject find(JsonArray spans, String name) {
    return find(spans, "name", name);
  }

  static JsonObject find(JsonArray items, String field, String value) {
    return items.stream().map(JsonObject.class::cast).filter(s -> value.equals(s.getString(field)))
        .findFirst().orElseThrow();
  }

  /** An ERROR log record inside the "load" span of the trace. */
  private static void emitLog(String traceId) {
    String loadSpan = c.store.trace(traceId).stream().filter(s -> s.name().equals("load"))
        .findFirst().orElseThrow().spanId();
    SdkLoggerProvider logs = SdkLoggerProvider.builder().setResource(DerivedMetricsTest.RESOURCE)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(OtlpHttpLogRecordExporter.builder()
            .setEndpoint(c.otlpHttpUrl("/v1/logs")).build())).build();
    try {
      logs.get("pipeline").logRecordBuilder()
          .setContext(Context.root().with(Span.wrap(SpanContext.create(traceId, loadSpan,
              TraceFlags.getSampled(), TraceState.getDefault()))))
          .setSeverity(Severity.ERROR)
          .setBody("load failed")
          .emit();
      assertThat(logs.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      logs.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
