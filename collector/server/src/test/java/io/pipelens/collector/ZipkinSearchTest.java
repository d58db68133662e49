package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin v2 search and name lists as Grafana's Zipkin data source calls them, answers decoded with
 * zipkin2's own decoder. The same spans and queries against zipkin-server: {@link
 * ZipkinServerComparisonTest}.
 */
class ZipkinSearchTest {
  static TestCollector c;
  static ZipkinSearchData data;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector();
    data = new ZipkinSearchData(System.currentTimeMillis() * 1000);
    data.postTo(c.http, c.zipkinUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  static String get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = c.get("http://127.0.0.1:" + c.collector.ports().zipkin() + pathAndQuery);
    assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  /** Trace ids of a /api/v2/traces answer, in answer order; each trace decoded by zipkin2. */
  static List<String> traceIds(String query) throws Exception {
    return ZipkinSearchData.traceIds(decodeTraces(get("/api/v2/traces?" + query)));
  }

  static List<List<Span>> decodeTraces(String body) {
    List<List<Span>> out = new ArrayList<>();
    for (Object trace : new JsonArray(body)) {
      out.add(SpanBytesDecoder.JSON_V2.decodeList(
          ((JsonArray) trace).encode().getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchesLikeZipkin() throws Exception {
    for (var query : ZipkinSearchData.QUERIES.entrySet()) {
      assertThat(traceIds(query.getKey())).as(query.getKey())
          .containsExactlyElementsOf(query.getValue());
    }
  }

  @Test
  void searchAnswersWholeTracesThatDecodeBackToThePostedSpans() throws Exception {
    List<List<Span>> traces = decodeTraces(get("/api/v2/traces?serviceName=frontend&spanName="
        + enc("get /orders") + "&limit=1"));
    assertThat(traces).singleElement().satisfies(
        t -> assertThat(t).containsExactlyInAnyOrderElementsOf(data.trace(ZipkinSearchData.ORDERS)));
  }

  @Test
  void namesComeFromTheStoreLowerCase() throws Exception {
    assertThat(get("/api/v2/services")).isEqualTo("[\"backend\",\"frontend\"]");
    assertThat(get("/api/v2/spans?serviceName=FrontEnd"))
        .isEqualTo("[\"get /orders\",\"get /users\",\"select\"]");
    assertThat(get("/api/v2/remoteServices?serviceName=frontend")).isEqualTo("[\"postgres\"]");
    assertThat(get("/api/v2/remoteServices?serviceName=unknown")).isEqualTo("[]");
  }

  @Test
  void traceManyAnswersTheKnownTraces() throws Exception {
    List<List<Span>> traces = decodeTraces(get("/api/v2/traceMany?traceIds="
        + ZipkinSearchData.ORDERS + ",00000000000000000000000000000abc," + ZipkinSearchData.USERS));
    assertThat(ZipkinSearchData.traceIds(traces))
        .containsExactly(ZipkinSearchData.ORDERS, ZipkinSearchData.USERS);
  }

  @Test
  void badParametersAnswer400() throws Exception {
    String base = "http://127.0.0.1:" + c.collector.ports().zipkin();
    for (String q : List.of("/api/v2/traces?maxDuration=10", "/api/v2/traces?minDuration=abc",
        "/api/v2/traces?limit=0", "/api/v2/traces?lookback=-1", "/api/v2/traceMany?traceIds=xyz",
        "/api/v2/traceMany", "/api/v2/remoteServices")) {
      assertThat(c.get(base + q).statusCode()).as(q).isEqualTo(400);
    }
    assertThat(c.get(base + "/api/v2/traces?maxDuration=10").body()).contains("minDuration");
  }
}
