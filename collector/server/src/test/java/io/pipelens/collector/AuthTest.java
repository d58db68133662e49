package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.pipelens.collector.config.CollectorConfig;
import io.vertx.grpc.common.GrpcStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bearer tokens: separate ingest and query tokens, over OTLP/HTTP, Zipkin, gRPC and the API port. */
class AuthTest {
  private static final String INGEST = "Bearer ingest-s3cret";
  private static final String QUERY = "Bearer query-s3cret";
  private static final String TRACE_SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";
  private static TestCollector c;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector(config -> config.withAuth(
        new CollectorConfig.Auth("ingest-s3cret", "query-s3cret")));
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  private static byte[] spans(String traceHex) {
    return BadInputTest.request(BadInputTest.span(traceHex, "0000000000000001", "authed")).toByteArray();
  }

  private static HttpResponse<byte[]> postTraces(byte[] body, String... headers) throws Exception {
    return c.post(c.otlpHttpUrl("/v1/traces"), "application/x-protobuf", body, headers);
  }

  @Test
  void otlpHttpNeedsTheIngestToken() throws Exception {
    HttpResponse<byte[]> missing = postTraces(spans("ee000000000000000000000000000001"));
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer"));
    assertThat(com.google.rpc.Status.parseFrom(missing.body()).getMessage()).contains("missing bearer token");

    HttpResponse<byte[]> wrong = postTraces(spans("ee000000000000000000000000000001"),
        "Authorization", "Bearer guess");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(com.google.rpc.Status.parseFrom(wrong.body()).getMessage()).contains("invalid bearer token");

    assertThat(postTraces(spans("ee000000000000000000000000000001"), "Authorization", QUERY).statusCode())
        .isEqualTo(403);
    assertThat(c.store.trace("ee000000000000000000000000000001")).isEmpty();

    assertThat(postTraces(spans("ee000000000000000000000000000001"), "Authorization", INGEST).statusCode())
        .isEqualTo(200);
    assertThat(c.store.trace("ee000000000000000000000000000001")).hasSize(1);
  }

  @Test
  void zipkinNeedsTheIngestToken() throws Exception {
    byte[] json = ("[{\"traceId\":\"ee000000000000000000000000000002\",\"id\":\"0000000000000001\","
        + "\"name\":\"z\",\"timestamp\":1700000000000000,\"duration\":5}]").getBytes(StandardCharsets.UTF_8);
    assertThat(c.post(c.zipkinUrl(), "application/json", json).statusCode()).isEqualTo(401);
    assertThat(c.post(c.zipkinUrl(), "application/json", json, "Authorization", INGEST).statusCode())
        .isEqualTo(202);
    assertThat(c.store.trace("ee000000000000000000000000000002")).hasSize(1);
  }

  @Test
  void grpcNeedsTheIngestToken() throws Exception {
    int port = c.collector.ports().otlpGrpc();
    RawGrpc.Result missing = RawGrpc.call(c.vertx, port, TRACE_SERVICE,
        spans("ee000000000000000000000000000003"), Map.of());
    assertThat(missing.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    RawGrpc.Result other = RawGrpc.call(c.vertx, port, TRACE_SERVICE,
        spans("ee000000000000000000000000000003"), Map.of("authorization", QUERY));
    assertThat(other.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(c.store.trace("ee000000000000000000000000000003")).isEmpty();

    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpGrpcSpanExporter.builder()
            .setEndpoint(c.grpcEndpoint()).addHeader("Authorization", INGEST).build()))
        .build();
    try {
      var span = provider.get("auth").spanBuilder("with token").startSpan();
      span.end();
      assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(c.store.trace(span.getSpanContext().getTraceId())).hasSize(1);
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void apiNeedsTheQueryTokenButHealthIsOpen() throws Exception {
    assertThat(c.get(c.apiUrl("/health/live")).statusCode()).isEqualTo(200);
    assertThat(c.get(c.apiUrl("/health/ready")).statusCode()).isEqualTo(200);
    HttpResponse<String> missing = c.get(c.apiUrl("/metrics"));
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(c.get(c.apiUrl("/metrics"), "Authorization", INGEST).statusCode()).isEqualTo(403);
    HttpResponse<String> ok = c.get(c.apiUrl("/metrics"), "Authorization", QUERY);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("pipelens_ingest_requests_rejected_total");
    assertThat(c.get(c.apiUrl("/api/v1/anything")).statusCode()).isEqualTo(401);
  }
}
