package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Graceful shutdown: not ready any more, in-flight data still stored, queue drained, store closed. */
class ShutdownTest {
  @Test
  void closeDrainsInFlightRequestsIntoTheStore() throws Exception {
    TestCollector c = new TestCollector();
    try {
      c.store.hold();
      CompletableFuture<HttpResponse<byte[]>> inFlight = c.http.sendAsync(
          HttpRequest.newBuilder(URI.create(c.otlpHttpUrl("/v1/traces")))
              .header("Content-Type", "application/x-protobuf")
              .POST(HttpRequest.BodyPublishers.ofByteArray(BadInputTest.request(BadInputTest.span(
                  "ab000000000000000000000000000001", "0000000000000001", "in flight")).toByteArray()))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
      await().atMost(Duration.ofSeconds(20)).until(() -> c.collector.registry()
          .find("pipelens.ingest.queue").gauge().value() > 0);

      Future<Void> closing = c.collector.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !c.collector.isReady());
      assertThat(closing.isComplete()).isFalse();
      assertThat(c.store.isClosed()).isFalse();

      c.store.release();
      closing.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(inFlight.get().statusCode()).isEqualTo(200);
      assertThat(c.store.spans()).extracting(s -> s.name()).containsExactly("in flight");
      assertThat(c.store.isClosed()).isTrue();
    } finally {
      c.close();
    }
  }
}
