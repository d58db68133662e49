package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When the store cannot list names, Zipkin and Jaeger answer from the since-start index. */
class NameFallbackTest {
  static TestCollector c;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector();
    new ZipkinSearchData(System.currentTimeMillis() * 1000).postTo(c.http, c.zipkinUrl());
    await().atMost(Duration.ofSeconds(20))
        .until(() -> c.collector.derived().services().services().size() == 2);
    c.store.failNameReads = true;
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void zipkinAndJaegerFallBackWhileThePipelensApiReports503() throws Exception {
    String zipkin = "http://127.0.0.1:" + c.collector.ports().zipkin();
    String jaeger = "http://127.0.0.1:" + c.collector.ports().jaeger();
    assertThat(c.get(zipkin + "/api/v2/services").body()).isEqualTo("[\"backend\",\"frontend\"]");
    assertThat(new JsonObject(c.get(jaeger + "/api/services").body()).getJsonArray("data"))
        .containsExactly("backend", "frontend");
    assertThat(new JsonObject(c.get(jaeger + "/api/services/frontend/operations").body())
        .getJsonArray("data")).containsExactly("get /orders", "get /users", "select");
    assertThat(c.get(c.apiUrl("/api/services")).statusCode()).isEqualTo(503);
  }
}
