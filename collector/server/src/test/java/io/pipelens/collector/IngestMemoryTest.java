package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.collector.config.CollectorConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Request bodies still being uploaded count toward collector.ingest.max-queue-bytes: slow uploads
 * cannot pile up in the heap while the write queue looks empty. A request that would pass the
 * bound is refused with 429 + Retry-After, the upload in progress is still stored, and every
 * reserved byte is given back.
 */
class IngestMemoryTest {
  private static final long MAX_QUEUE = 64_000;
  private static final String PROTOBUF = "application/x-protobuf";

  @Test
  void bodiesBeingReadCountTowardTheQueueBound() throws Exception {
    try (TestCollector c = new TestCollector(config -> config.withIngest(new CollectorConfig.Ingest(
        config.ingest().maxBodyBytes(), MAX_QUEUE, config.ingest().maxCommitBytes(), 5)))) {
      String slowTrace = "aa000000000000000000000000000001";
      byte[] slow = BadInputTest.request(BadInputTest.span(slowTrace, "0000000000000001",
          "slow " + "x".repeat(48_000))).toByteArray();
      int sentFirst = 40_000;
      try (Socket socket = new Socket("127.0.0.1", c.collector.ports().otlpHttp())) {
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + PROTOBUF
            + "\r\nContent-Length: " + slow.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(slow, 0, sentFirst);
        out.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> queueBytes(c) >= sentFirst);

        String otherTrace = "bb000000000000000000000000000002";
        byte[] other = BadInputTest.request(BadInputTest.span(otherTrace, "0000000000000002",
            "other " + "y".repeat(30_000))).toByteArray();
        HttpResponse<byte[]> refused = c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF, other);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(com.google.rpc.Status.parseFrom(refused.body()).getMessage())
            .contains("overloaded");
        assertThat(c.store.trace(otherTrace)).isEmpty();

        out.write(slow, sentFirst, slow.length - sentFirst);
        out.flush();
        assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 200");
        assertThat(c.store.trace(slowTrace)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> queueBytes(c) == 0);

        assertThat(c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF, other).statusCode()).isEqualTo(200);
        assertThat(c.store.trace(otherTrace)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> queueBytes(c) == 0);
      }
    }
  }

  private static String statusLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.append((char) b);
    }
    return line.toString();
  }

  private static long queueBytes(TestCollector c) throws Exception {
    String line = c.get(c.apiUrl("/metrics")).body().lines()
        .filter(l -> l.startsWith("pipelens_ingest_queue_bytes ")).findFirst().orElseThrow();
    return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
  }
}
