package io.pipelens.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pipelens.drift.config.ActionSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real HTTP server (the JDK's) on a free loopback port stands in for the CI system. */
class WebhookActionTest extends RetrainActionContract {
  private final HttpServer server;
  private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
  /** Statuses to answer before 200. */
  private final BlockingQueue<Integer> failures = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();

  WebhookActionTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks/retrain", this::handle);
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    byte[] body = ex.getRequestBody().readAllBytes();
    Integer fail = failures.poll();
    int status = fail != null ? fail : 200;
    if (status == 200) {
      assertThat(ex.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
      tokens.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Token")));
      deliveries.add(new Delivery(ex.getRequestHeaders().getFirst("traceparent"), JSON.readTree(body)));
    }
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private WebhookAction action(int retries) {
    return new WebhookAction(new ActionSpec.Webhook(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/retrain"),
        Map.of("X-Token", "s3cret"), retries, Duration.ofMillis(50), Duration.ofSeconds(5)));
  }

  @Override
  protected RetrainAction working() {
    return action(0);
  }

  @Override
  protected RetrainAction broken() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new WebhookAction(new ActionSpec.Webhook(URI.create("http://127.0.0.1:" + port + "/x"),
        Map.of(), 1, Duration.ofMillis(10), Duration.ofSeconds(2)));
  }

  @Override
  protected Delivery received() throws InterruptedException {
    Delivery d = deliveries.poll(10, TimeUnit.SECONDS);
    assertThat(d).as("webhook body").isNotNull();
    return d;
  }

  @Test
  void serverErrorsAreRetriedWithTheSameBodyUntilAccepted() throws Exception {
    failures.add(503);
    failures.add(502);
    RetrainEvent e = event();
    ActionResult r = action(3).run(e);
    assertThat(r.outcome()).isEqualTo(ActionResult.SUCCESS);
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(received().body().path("triggerId").asText()).isEqualTo(e.triggerId());
    assertThat(tokens.poll()).isEqualTo("s3cret");
  }

  @Test
  void clientErrorIsNotRetriedAndRetriesAreBounded() {
    failures.add(401);
    ActionResult r = action(3).run(event());
    assertThat(r.outcome()).isEqualTo(ActionResult.FAILURE);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.detail()).contains("HTTP 401");

    requests.set(0);
    for (int i = 0; i < 5; i++) {
      failures.add(500);
    }
    r = action(2).run(event());
    assertThat(r.outcome()).isEqualTo(ActionResult.FAILURE);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(r.detail()).contains("HTTP 500 after 3 attempts");
  }
}
