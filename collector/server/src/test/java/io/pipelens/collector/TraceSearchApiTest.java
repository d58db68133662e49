package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** pipelens trace search ({@code GET /api/traces?...}), services and operations over HTTP. */
class TraceSearchApiTest {
  static final long T0 = 1_764_000_000_000_000L; // µs
  static final String LOAD = "00000000000000000000000000000a01";
  static final String SAVE = "00000000000000000000000000000a02";
  static final String PREDICT = "00000000000000000000000000000a03";
  static TestCollector c;
  static String otlpTrace;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector();
    post(zipkin(LOAD, "etl", "load", T0, 120_000).putTag("rows", "42").putTag("table", "features"));
    post(zipkin(SAVE, "etl", "save", T0 + 1_000_000, 30_000).putTag("error", "disk full"));
    post(zipkin(PREDICT, "scorer", "predict", T0 + 2_000_000, 5_000).kind(Span.Kind.CLIENT)
        .remoteEndpoint(Endpoint.newBuilder().serviceName("model-store").build()));
    otlpTrace = DerivedMetricsTest.emitFailingTrace(c.otlpHttpUrl("/v1/traces"));
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  static Span.Builder zipkin(String traceId, String service, String name, long startMicros,
      long durationMicros) {
    return Span.newBuilder().traceId(traceId).id(traceId.substring(16)).name(name)
        .timestamp(startMicros).duration(durationMicros)
        .localEndpoint(Endpoint.newBuilder().serviceName(service).build());
  }

  static void post(Span.Builder span) throws Exception {
    HttpResponse<byte[]> r = c.post(c.zipkinUrl(), "application/json",
        SpanBytesEncoder.JSON_V2.encodeList(List.of(span.build())));
    assertThat(r.statusCode()).isEqualTo(202);
  }

  static List<String> ids(String query) throws Exception {
    HttpResponse<String> r = c.get(c.apiUrl("/api/traces?" + query));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray traces = new JsonObject(r.body()).getJsonArray("traces");
    return traces.stream().map(t -> ((JsonObject) t).getString("traceId")).toList();
  }

  @Test
  void filtersByServiceOperationStatusDurationAttributesAndTime() throws Exception {
    assertThat(ids("service=etl")).containsExactly(SAVE, LOAD);
    assertThat(ids("service=etl&operation=load")).containsExactly(LOAD);
    assertThat(ids("service=etl&status=error")).containsExactly(SAVE);
    assertThat(ids("status=ERROR&language=JAVA")).containsExactly(otlpTrace);
    assertThat(ids("service=etl&minDuration=100ms")).containsExactly(LOAD);
    assertThat(ids("service=etl&maxDuration=0.1s")).containsExactly(SAVE);
    assertThat(ids("attr=rows:42&attr=table:features")).containsExactly(LOAD);
    assertThat(ids("attr=rows:42&attr=table:labels")).isEmpty();
    assertThat(ids("attr=peer.service:model-store")).containsExactly(PREDICT);
    String from = "2025-11-24T16:00:00.500Z"; // T0 + 0.5 s
    assertThat(ids("start=" + from + "&end=" + (T0 / 1000 + 1500))).containsExactly(SAVE);
    assertThat(ids("start=" + (T0 / 1000) + "&limit=2")).hasSize(2).startsWith(otlpTrace);
  }

  @Test
  void answersTraceSummariesNewestFirst() throws Exception {
    HttpResponse<String> r = c.get(c.apiUrl("/api/traces?service=etl&limit=1"));
    JsonObject save = new JsonObject(r.body()).getJsonArray("traces").getJsonObject(0);
    assertThat(save.getString("traceId")).isEqualTo(SAVE);
    assertThat(save.getString("rootService")).isEqualTo("etl");
    assertThat(save.getString("rootName")).isEqualTo("save");
    assertThat(save.getLong("durationNanos")).isEqualTo(30_000_000L);
    assertThat(save.getString("startTime")).isEqualTo("2025-11-24T16:00:01Z");
    assertThat(save.getInteger("spanCount")).isEqualTo(1);
    assertThat(save.getInteger("errorCount")).isEqualTo(1);
    assertThat(save.getString("url")).isEqualTo("/api/traces/" + SAVE);
  }

  @Test
  void servicesAndOperationsComeFromTheStore() throws Exception {
    JsonObject services = new JsonObject(c.get(c.apiUrl("/api/services")).body());
    assertThat(services.getJsonArray("services").getList())
        .containsExactly("etl", "scorer", "train-model");
    String ops = c.get(c.apiUrl("/api/services/scorer/operations")).body();
    assertThat(new JsonObject(ops).getJsonArray("operations"))
        .containsExactly(new JsonObject().put("name", "predict").put("kind", "client"));
  }

  @Test
  void badParametersAnswer400NamingTheParameter() throws Exception {
    assertBad("minDuration=fast", "minDuration");
    assertBad("maxDuration=10", "maxDuration");
    assertBad("minDuration=2s&maxDuration=1s", "maxDuration");
    assertBad("limit=0", "limit");
    assertBad("attr=nocolon", "attr");
    assertBad("status=broken", "status");
    assertBad("start=yesterday", "start");
    assertBad("start=2000&end=1000", "start");
  }

  private static void assertBad(String query, String parameter) throws Exception {
    String url = c.apiUrl("/api/traces?" + query.replace(" ", URLEncoder.encode(" ", StandardCharsets.UTF_8)));
    HttpResponse<String> r = c.get(url);
    assertThat(r.statusCode()).as(query).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error")).as(query).contains(parameter);
  }
}
