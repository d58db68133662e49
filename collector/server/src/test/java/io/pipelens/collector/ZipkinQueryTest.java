package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.collector.config.CollectorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.codec.SpanBytesEncoder;

/** Zipkin v2 query by id, parsed with zipkin2's own decoder. */
class ZipkinQueryTest {
  static final String INGEST = "ingest-secret";
  static final String QUERY = "query-secret";
  static TestCollector c;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector(cfg -> cfg.withAuth(new CollectorConfig.Auth(INGEST, QUERY)));
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void zipkinSpansPostedComeBackUnchanged() throws Exception {
    long start = System.currentTimeMillis() * 1000;
    Span root = Span.newBuilder().traceId("463ac35c9f6413ad48485a3953bb6124").id("a2fb4a1d1a96d312")
        .name("get /orders").kind(Span.Kind.SERVER).timestamp(start).duration(150_000)
        .localEndpoint(Endpoint.newBuilder().serviceName("frontend").build())
        .putTag("http.method", "GET")
        .addAnnotation(start + 10, "wire.recv").build();
    Span child = Span.newBuilder().traceId("463ac35c9f6413ad48485a3953bb6124").id("0020000000000001")
        .parentId("a2fb4a1d1a96d312").name("select").kind(Span.Kind.CLIENT)
        .timestamp(start + 20).duration(80_000)
        .localEndpoint(Endpoint.newBuilder().serviceName("frontend").build())
        .remoteEndpoint(Endpoint.newBuilder().serviceName("postgres").ip("10.0.0.7").port(5432).build())
        .putTag("error", "connection reset").putTag("otel.status_code", "ERROR").build();
    HttpResponse<byte[]> posted = c.post(c.zipkinUrl(), "application/json",
        SpanBytesEncoder.JSON_V2.encodeList(List.of(root, child)), "Authorization", "Bearer " + INGEST);
    assertThat(posted.statusCode()).isEqualTo(202);

    HttpResponse<String> r = get("/api/v2/trace/463AC35C9F6413AD48485A3953BB6124", QUERY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(spans).containsExactlyInAnyOrder(root, child);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(get("/api/v2/services", QUERY).body()).contains("\"frontend\""));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(get("/api/v2/spans?serviceName=FRONTEND", QUERY).body())
            .isEqualTo("[\"get /orders\",\"select\"]"));
  }

  @Test
  void otlpSpansAreConvertedToZipkin() throws Exception {
    String traceId = DerivedMetricsTest.emitFailingTrace(c.otlpHttpUrl("/v1/traces"), INGEST);
    HttpResponse<String> r = get("/api/v2/trace/" + traceId, QUERY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList(r.body().getBytes(StandardCharsets.UTF_8));
    Span train = spans.stream().filter(s -> s.name().equals("train")).findFirst().orElseThrow();
    Span load = spans.stream().filter(s -> s.name().equals("load")).findFirst().orElseThrow();
    assertThat(train.kind()).isEqualTo(Span.Kind.SERVER);
    assertThat(train.localServiceName()).isEqualTo("train-model");
    assertThat(train.tags()).containsEntry("otel.scope.name", "pipeline");
    assertThat(load.parentId()).isEqualTo(train.id());
    assertThat(load.kind()).isNull();
    assertThat(load.tags()).containsEntry("table", "features").containsEntry("error", "disk full")
        .containsEntry("otel.status_code", "ERROR");
    assertThat(load.annotations()).singleElement()
        .satisfies(a -> assertThat(a.value()).startsWith("exception: {")
            .contains("\"exception.type\":\"java.lang.IllegalStateException\""));
    // microseconds: within the last minute
    assertThat(load.timestampAsLong()).isBetween(
        (System.currentTimeMillis() - 60_000) * 1000, System.currentTimeMillis() * 1000);
    assertThat(load.durationAsLong()).isPositive();
  }

  @Test
  void queriesNeedTheQueryTokenAndValidIds() throws Exception {
    assertThat(get("/api/v2/trace/463ac35c9f6413ad48485a3953bb6124", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/v2/trace/463ac35c9f6413ad48485a3953bb6124", INGEST).statusCode()).isEqualTo(403);
    HttpResponse<String> bad = get("/api/v2/trace/xyz", QUERY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("invalid trace id 'xyz'");
    assertThat(get("/api/v2/trace/00000000000000000000000000000abc", QUERY).statusCode()).isEqualTo(404);
    assertThat(get("/api/v2/spans", QUERY).body()).contains("serviceName is required");
  }

  static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + c.collector.ports().zipkin() + path))
        .timeout(Duration.ofSeconds(20)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return c.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
