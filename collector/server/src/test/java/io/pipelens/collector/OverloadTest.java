package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.rpc.RetryInfo;
import io.pipelens.collector.config.CollectorConfig;
import io.vertx.grpc.common.GrpcStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With a tiny write queue and a store that does not finish writing, the collector pushes back
 * (429 + Retry-After, gRPC RESOURCE_EXHAUSTED + RetryInfo) instead of buffering, and every request
 * it accepted is stored once the store catches up.
 */
class OverloadTest {
  private static final long MAX_QUEUE = 2_000;

  @Test
  void fullQueueAnswers429AndRetryInfoAndKeepsAcceptedData() throws Exception {
    try (TestCollector c = new TestCollector(config -> config.withIngest(new CollectorConfig.Ingest(
        config.ingest().maxBodyBytes(), MAX_QUEUE, config.ingest().maxCommitBytes(), 7)))) {
      c.store.hold();
      List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        byte[] body = BadInputTest.request(BadInputTest.span(
            String.format("ff0000000000000000000000000000%02x", i), "0000000000000001",
            "load " + "x".repeat(80))).toByteArray();
        responses.add(c.http.sendAsync(HttpRequest.newBuilder(URI.create(c.otlpHttpUrl("/v1/traces")))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofByteArray()));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> responses.stream()
          .filter(CompletableFuture::isDone).count() >= 30);
      HttpResponse<byte[]> refused = responses.stream().filter(CompletableFuture::isDone)
          .map(CompletableFuture::join).filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(com.google.rpc.Status.parseFrom(refused.body()).getMessage()).contains("overloaded");
      assertThat(queueBytes(c)).isPositive().isLessThanOrEqualTo(MAX_QUEUE);

      RawGrpc.Result grpc = RawGrpc.call(c.vertx, c.collector.ports().otlpGrpc(),
          "opentelemetry.proto.collector.trace.v1.TraceService",
          BadInputTest.request(BadInputTest.span("ff0000000000000000000000000000ff",
              "0000000000000001", "grpc " + "x".repeat(200))).toByteArray(), Map.of());
      assertThat(grpc.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
      assertThat(grpc.details().getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds())
          .isEqualTo(7);

      c.store.release();
      int accepted = 0;
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<byte[]> r = responses.get(i).get();
        assertThat(r.statusCode()).isIn(200, 429);
        String trace = String.format("ff0000000000000000000000000000%02x", i);
        if (r.statusCode() == 200) {
          accepted++;
          assertThat(c.store.trace(trace)).as("accepted %s is stored", trace).hasSize(1);
        } else {
          assertThat(c.store.trace(trace)).isEmpty();
        }
      }
      assertThat(accepted).isBetween(1, 59);
      await().atMost(Duration.ofSeconds(10)).until(() -> queueBytes(c) == 0);
    }
  }

  private static long queueBytes(TestCollector c) throws Exception {
    String line = c.get(c.apiUrl("/metrics")).body().lines()
        .filter(l -> l.startsWith("pipelens_ingest_queue_bytes ")).findFirst().orElseThrow();
    return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
  }
}
