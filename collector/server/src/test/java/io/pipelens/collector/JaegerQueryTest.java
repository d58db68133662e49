package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.SpanRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jaeger's query API by id on its own port, over a trace sent by the real OpenTelemetry SDK. */
class JaegerQueryTest {
  static final String QUERY = "query-secret";
  static TestCollector c;
  static String traceId;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector(cfg -> cfg.withAuth(new CollectorConfig.Auth("", QUERY)));
    traceId = DerivedMetricsTest.emitFailingTrace(c.otlpHttpUrl("/v1/traces"));
    // the service index is fed asynchronously after the write
    await().atMost(Duration.ofSeconds(20)).until(
        () -> c.collector.derived().services().spanNames("train-model").size() == 2);
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void traceInJaegerJson() throws Exception {
    HttpResponse<String> r = get("/api/traces/" + traceId, QUERY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getValue("errors")).isNull();
    assertThat(body.getInteger("total")).isEqualTo(1);
    JsonObject trace = body.getJsonArray("data").getJsonObject(0);
    assertThat(trace.getString("traceID")).isEqualTo(traceId);
    JsonArray spans = trace.getJsonArray("spans");
    JsonObject train = QueryApiTest.find(spans, "operationName", "train");
    JsonObject load = QueryApiTest.find(spans, "operationName", "load");
    assertThat(train.getJsonArray("references")).isEmpty();
    JsonObject ref = load.getJsonArray("references").getJsonObject(0);
    assertThat(ref.getString("refType")).isEqualTo("CHILD_OF");
    assertThat(ref.getString("traceID")).isEqualTo(traceId);
    assertThat(ref.getString("spanID")).isEqualTo(train.getString("spanID"));

    SpanRecord stored = c.store.trace(traceId).stream().filter(s -> s.name().equals("load"))
        .findFirst().orElseThrow();
    assertThat(load.getLong("startTime")).isEqualTo(stored.startEpochNanos() / 1000);
    assertThat(load.getLong("duration")).isEqualTo(stored.durationNanos() / 1000);
    assertThat(load.getJsonArray("tags")).contains(
        new JsonObject().put("key", "table").put("type", "string").put("value", "features"),
        new JsonObject().put("key", "error").put("type", "bool").put("value", true),
        new JsonObject().put("key", "otel.status_description").put("type", "string").put("value", "disk full"));
    assertThat(train.getJsonArray("tags")).contains(
        new JsonObject().put("key", "span.kind").put("type", "string").put("value", "server"));
    JsonObject log = load.getJsonArray("logs").getJsonObject(0);
    assertThat(log.getLong("timestamp")).isEqualTo(stored.events().get(0).epochNanos() / 1000);
    assertThat(log.getJsonArray("fields")).contains(
        new JsonObject().put("key", "event").put("type", "string").put("value", "exception"),
        new JsonObject().put("key", "exception.type").put("type", "string")
            .put("value", "java.lang.IllegalStateException"));

    JsonObject process = trace.getJsonObject("processes").getJsonObject(load.getString("processID"));
    assertThat(process.getString("serviceName")).isEqualTo("train-model");
    assertThat(process.getJsonArray("tags")).contains(new JsonObject()
        .put("key", "telemetry.sdk.language").put("type", "string").put("value", "java"));
  }

  @Test
  void servicesAndOperationsFromTheStore() throws Exception {
    assertThat(new JsonObject(get("/api/services", QUERY).body()).getJsonArray("data"))
        .contains("train-model");
    assertThat(new JsonObject(get("/api/services/train-model/operations", QUERY).body())
        .getJsonArray("data")).containsExactly("load", "train");
    assertThat(new JsonObject(get("/api/services/nobody/operations", QUERY).body())
        .getJsonArray("data")).isEmpty();
  }

  @Test
  void errorsUseJaegersEnvelope() throws Exception {
    HttpResponse<String> bad = get("/api/traces/zzz", QUERY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getJsonArray("errors").getJsonObject(0).getString("msg"))
        .contains("invalid trace id 'zzz'");
    HttpResponse<String> missing = get("/api/traces/0123456789abcdef", QUERY);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(missing.body()).getJsonArray("errors").getJsonObject(0).getInteger("code"))
        .isEqualTo(404);
    assertThat(get("/api/traces/" + traceId, null).statusCode()).isEqualTo(401);
    assertThat(get("/api/dependencies", QUERY).statusCode()).isEqualTo(404);
  }

  static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + c.collector.ports().jaeger() + path))
        .timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return c.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
