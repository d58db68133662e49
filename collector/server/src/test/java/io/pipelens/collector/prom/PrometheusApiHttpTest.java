package io.pipelens.collector.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.collector.Collector;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.InMemoryTelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The collector's API port answers Prometheus's query API behind the query token, over GET and
 * POST forms as Grafana sends them: spans become queryable series, the collector's own meters too.
 */
class PrometheusApiHttpTest {
  static final String TOKEN = "query-secret";
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  Vertx vertx;
  Collector collector;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    CollectorConfig base = CollectorConfig.defaults().forTest(Files.createTempDirectory("pipelens-prom"));
    CollectorConfig.Derived d = base.derived();
    CollectorConfig config = base.withAuth(new CollectorConfig.Auth("", TOKEN))
        .withDerived(new CollectorConfig.Derived(d.maxSeries(), d.lookback(), d.maxSpanKeys(),
            Duration.ofMillis(100), d.maxErrorGroups(), d.snapshotInterval()));
    collector = Collector.start(vertx, config, new InMemoryTelemetryStore())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    collector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.ports().http()
        + pathAndQuery)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postForm(String path, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.ports().http() + path))
        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void spansAndTheCollectorsOwnMetersAreQueryableOverGetAndPost() throws Exception {
    assertThat(get("/api/v1/query?query=up").statusCode()).isEqualTo(401);
    String span = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"etl-http"}},
          {"key":"telemetry.sdk.language","value":{"stringValue":"python"}}]},
          "scopeSpans":[{"spans":[{"traceId":"aa000000000000000000000000000001","spanId":"0000000000000001",
          "name":"load","startTimeUnixNano":"1000","endTimeUnixNano":"2000"}]}]}]}""";
    HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + collector.ports().otlpHttp() + "/v1/traces")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(span)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).isEqualTo(200);

    String auth = "Bearer " + TOKEN;
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/api/v1/query?query="
        + q("sum by (service, language) (pipelens_spans_total)"), "Authorization", auth).body())
        .contains("{\"metric\":{\"language\":\"python\",\"service\":\"etl-http\"},\"value\":[").endsWith(",\"1\"]}]}}"));

    long now = System.currentTimeMillis() / 1000;
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      HttpResponse<String> range = postForm("/api/v1/query_range", "query="
          + q("sum by (signal, protocol) (pipelens_ingest_items_accepted_total)")
          + "&start=" + (now - 60) + "&end=" + (now + 60) + "&step=15");
      assertThat(range.statusCode()).as(range.body()).isEqualTo(200);
      assertThat(range.body()).contains("\"resultType\":\"matrix\"",
          "{\"metric\":{\"protocol\":\"otlp_http\",\"signal\":\"traces\"},\"values\":[[", ",\"1\"]");
    });

    JsonObject values = new JsonObject(get("/api/v1/label/service/values?match[]=" + q("pipelens_spans_total"),
        "Authorization", auth).body());
    assertThat(values.getJsonArray("data").getList()).containsExactly("etl-http");
    assertThat(postForm("/api/v1/labels", "match[]=" + q("pipelens_spans_total")).body())
        .contains("\"service\"", "\"span_kind\"");
    assertThat(get("/api/v1/series?match[]=" + q("{__name__=\"pipelens_spans_total\"}"), "Authorization", auth)
        .body()).contains("\"operation\":\"load\"");
    assertThat(get("/api/v1/metadata?metric=pipelens_spans_total", "Authorization", auth).body())
        .contains("\"type\":\"counter\"");
    assertThat(get("/api/v1/status/buildinfo", "Authorization", auth).body()).contains("\"version\":\"3.0.0\"");

    HttpResponse<String> bad = get("/api/v1/query?query=" + q("sum("), "Authorization", auth);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new JsonObject(bad.body()).getString("errorType")).isEqualTo("bad_data");
  }
}
