package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.SpanBytesEncoder;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** zipkin-reporter (the Java library Zipkin users run) sends spans to port 9411; they are stored. */
class ZipkinIngestTest {
  private static TestCollector c;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @ParameterizedTest
  @CsvSource({"JSON, true, 463ac35c9f6413ad", "PROTO3, false, 5af7183fb1d4cf5f", "PROTO3, true, 6b221d5bc9e6496c"})
  void reporterSpansAreStored(Encoding encoding, boolean gzip, String traceLow) throws Exception {
    String traceId = "48485a3953bb6124" + traceLow;
    long startMicros = 1_700_000_000_000_000L;
    Span client = Span.newBuilder()
        .traceId(traceId).id("a2fb4a1d1a96d312").parentId("0020000000000001")
        .name("query features").kind(Span.Kind.CLIENT)
        .timestamp(startMicros).duration(1500)
        .localEndpoint(Endpoint.newBuilder().serviceName("etl").ip("192.168.1.2").build())
        .remoteEndpoint(Endpoint.newBuilder().serviceName("postgres").ip("10.0.0.5").port(5432).build())
        .putTag("db.statement", "select 1")
        .putTag("error", "timeout")
        .addAnnotation(startMicros + 100, "retry")
        .build();
    Span server = Span.newBuilder()
        .traceId(traceId).id("0020000000000001").name("serve").kind(Span.Kind.SERVER)
        .shared(true).timestamp(startMicros - 10).duration(5000)
        .localEndpoint(Endpoint.newBuilder().serviceName("etl").build())
        .build();
    URLConnectionSender sender = URLConnectionSender.newBuilder()
        .endpoint(c.zipkinUrl()).encoding(encoding).compressionEnabled(gzip).build();
    try (AsyncReporter<Span> reporter = AsyncReporter.builder((BytesMessageSender) sender)
        .messageTimeout(0, TimeUnit.MILLISECONDS)
        .build(SpanBytesEncoder.forEncoding(encoding))) {
      reporter.report(client);
      reporter.report(server);
      reporter.flush();
    } finally {
      sender.close();
    }

    assertThat(c.store.trace(traceId)).hasSize(2);
    SpanRecord stored = c.store.trace(traceId).stream()
        .filter(s -> s.spanId().equals("a2fb4a1d1a96d312")).findFirst().orElseThrow();
    assertThat(stored.parentSpanId()).isEqualTo("0020000000000001");
    assertThat(stored.name()).isEqualTo("query features");
    assertThat(stored.kind()).isEqualTo(3);
    assertThat(stored.serviceName()).isEqualTo("etl");
    assertThat(stored.startEpochNanos()).isEqualTo(startMicros * 1000);
    assertThat(stored.durationNanos()).isEqualTo(1_500_000);
    assertThat(stored.attributes())
        .containsEntry("db.statement", "select 1")
        .containsEntry("peer.service", "postgres")
        .containsEntry("network.peer.address", "10.0.0.5")
        .containsEntry("network.peer.port", 5432L);
    assertThat(stored.statusCode()).isEqualTo(2);
    assertThat(stored.statusMessage()).isEqualTo("timeout");
    assertThat(stored.events()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("retry");
      assertThat(e.epochNanos()).isEqualTo((startMicros + 100) * 1000);
    });
    SpanRecord shared = c.store.trace(traceId).stream()
        .filter(s -> s.spanId().equals("0020000000000001")).findFirst().orElseThrow();
    assertThat(shared.kind()).isEqualTo(2);
    assertThat(shared.attributes()).containsEntry("zipkin.shared", true);
  }

  @Test
  void sixtyFourBitTraceIdsArePaddedTo128Bits() throws Exception {
    String json = "[{\"traceId\":\"1a2b3c4d5e6f7081\",\"id\":\"1a2b3c4d5e6f7081\",\"name\":\"short\","
        + "\"timestamp\":1700000000000000,\"duration\":10,\"localEndpoint\":{\"serviceName\":\"r-job\"}}]";
    var response = c.post(c.zipkinUrl(), "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(c.store.trace("00000000000000001a2b3c4d5e6f7081")).singleElement()
        .satisfies(s -> assertThat(s.serviceName()).isEqualTo("r-job"));
  }

  @Test
  void malformedSpansAreRefusedWithTheReason() throws Exception {
    var response = c.post(c.zipkinUrl(), "application/json",
        "[{\"traceId\":\"zz\",\"id\":\"1\"}]".getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("cannot decode Zipkin");
  }

  @Test
  void unsupportedContentTypeIs415() throws Exception {
    var response = c.post(c.zipkinUrl(), "application/x-thrift", new byte[] {1, 2, 3});
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("application/x-protobuf");
  }
}
