package io.pipelens.collector;

import static io.pipelens.collector.ZipkinSearchData.OLD;
import static io.pipelens.collector.ZipkinSearchData.ORDERS;
import static io.pipelens.collector.ZipkinSearchData.USERS;
import static io.pipelens.collector.ZipkinSearchData.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jaeger's search and operation lists as Jaeger UI and Grafana's Jaeger data source call them. */
class JaegerSearchTest {
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

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return c.get("http://127.0.0.1:" + c.collector.ports().jaeger() + pathAndQuery);
  }

  static JsonArray data(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery);
    assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getInteger("total")).isEqualTo(body.getJsonArray("data").size());
    return body.getJsonArray("data");
  }

  static List<String> traceIds(String query) throws Exception {
    return data("/api/traces?" + query).stream()
        .map(t -> ((JsonObject) t).getString("traceID")).toList();
  }

  @Test
  void searchFiltersLikeJaeger() throws Exception {
    assertThat(traceIds("service=frontend")).containsExactly(USERS, ORDERS, OLD);
    assertThat(traceIds("service=frontend&limit=1")).containsExactly(USERS);
    assertThat(traceIds("service=frontend&operation=" + enc("get /orders"))).containsExactly(ORDERS, OLD);
    assertThat(traceIds("service=frontend&tags=" + enc("{\"http.method\":\"GET\"}")))
        .containsExactly(USERS, ORDERS);
    assertThat(traceIds("service=frontend&tags=" + enc("{\"http.method\":\"GET\",\"http.path\":\"/users\"}")))
        .containsExactly(USERS);
    assertThat(traceIds("service=frontend&tags=" + enc("{\"error\":\"true\"}"))).containsExactly(ORDERS);
    assertThat(traceIds("service=frontend&tag=" + enc("http.method:POST"))).containsExactly(OLD);
    assertThat(traceIds("service=frontend&minDuration=100ms")).containsExactly(ORDERS);
    assertThat(traceIds("service=frontend&minDuration=50ms&maxDuration=0.1s"))
        .containsExactly(USERS, ORDERS);
    long now = data.nowMicros;
    assertThat(traceIds("service=frontend&start=" + (now - 1_800_000_000L) + "&end=" + now))
        .containsExactly(USERS, ORDERS);
    assertThat(traceIds("service=frontend&start=" + (now - 7_200_000_000L) + "&end="
        + (now - 1_800_000_000L))).containsExactly(OLD);
    assertThat(traceIds("service=nobody")).isEmpty();
    assertThat(traceIds("traceID=" + ORDERS + "&traceID=0000000000000abc&traceID=" + OLD))
        .containsExactly(ORDERS, OLD);
  }

  @Test
  void searchAnswersWholeTracesInJaegerJson() throws Exception {
    JsonObject trace = data("/api/traces?service=backend").getJsonObject(0);
    assertThat(trace.getString("traceID")).isEqualTo(USERS);
    assertThat(trace.getJsonArray("spans")).hasSize(2);
    assertThat(trace.getJsonObject("processes").stream()
        .map(p -> ((JsonObject) p.getValue()).getString("serviceName")))
        .containsExactlyInAnyOrder("frontend", "backend");
  }

  @Test
  void operationsWithKindsFromTheStore() throws Exception {
    assertThat(data("/api/services")).containsExactly("backend", "frontend");
    assertThat(data("/api/services/frontend/operations"))
        .containsExactly("get /orders", "get /users", "select");
    assertThat(data("/api/operations?service=frontend")).containsExactly(
        new JsonObject().put("name", "get /orders").put("spanKind", "server"),
        new JsonObject().put("name", "get /users").put("spanKind", "server"),
        new JsonObject().put("name", "select").put("spanKind", "client"));
    assertThat(data("/api/operations?service=frontend&spanKind=client"))
        .containsExactly(new JsonObject().put("name", "select").put("spanKind", "client"));
  }

  @Test
  void badSearchesAnswer400InJaegersEnvelope() throws Exception {
    for (var bad : List.of(
        List.of("/api/traces?operation=x", "service"),
        List.of("/api/traces?service=frontend&tags=" + enc("not json"), "tags"),
        List.of("/api/traces?service=frontend&tags=" + enc("{\"n\":1}"), "tags"),
        List.of("/api/traces?service=frontend&tag=nocolon", "tag"),
        List.of("/api/traces?service=frontend&minDuration=fast", "minDuration"),
        List.of("/api/traces?service=frontend&minDuration=2s&maxDuration=1s", "maxDuration"),
        List.of("/api/traces?service=frontend&start=yesterday", "start"),
        List.of("/api/traces?service=frontend&limit=0", "limit"),
        List.of("/api/traces?traceID=xyz", "xyz"),
        List.of("/api/operations", "service"),
        List.of("/api/operations?service=frontend&spanKind=bogus", "spanKind"))) {
      HttpResponse<String> r = get(bad.get(0));
      assertThat(r.statusCode()).as(bad.get(0)).isEqualTo(400);
      JsonObject body = new JsonObject(r.body());
      assertThat(body.getValue("data")).isNull();
      assertThat(body.getJsonArray("errors").getJsonObject(0).getString("msg")).as(bad.get(0))
          .contains(bad.get(1));
    }
  }
}
