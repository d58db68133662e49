package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pipelens.collector.config.CollectorConfig;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets the OTLP-specified status and a message; the good data sent alongside is kept. */
class BadInputTest {
  private static final int MAX_BODY = 64 * 1024;
  private static final String PROTOBUF = "application/x-protobuf";
  private static TestCollector c;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector(config -> config.withIngest(new CollectorConfig.Ingest(
        MAX_BODY, config.ingest().maxQueueBytes(), config.ingest().maxCommitBytes(), 3)));
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  static Span span(String traceHex, String spanHex, String name) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceHex)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanHex)))
        .setName(name).setStartTimeUnixNano(1).setEndTimeUnixNano(2).build();
  }

  static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
  }

  private static com.google.rpc.Status status(HttpResponse<byte[]> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    return com.google.rpc.Status.parseFrom(response.body());
  }

  @Test
  void truncatedProtobufIs400WithStatusBody() throws Exception {
    byte[] valid = request(span("0102030405060708090a0b0c0d0e0f10", "0102030405060708", "x")).toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 5);
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF, truncated);
    assertThat(response.statusCode()).isEqualTo(400);
    com.google.rpc.Status status = status(response);
    assertThat(status.getCode()).isEqualTo(GrpcStatus.INVALID_ARGUMENT.code);
    assertThat(status.getMessage()).contains("invalid OTLP protobuf");
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/logs"), "text/plain", "hi".getBytes());
    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder();
    com.google.protobuf.util.JsonFormat.parser().merge(
        new String(response.body(), StandardCharsets.UTF_8), status);
    assertThat(status.getMessage())
        .contains("unsupported Content-Type 'text/plain'").contains("application/x-protobuf");
  }

  @Test
  void wrongMethodIs405AndUnknownPathIs404() throws Exception {
    HttpResponse<String> get = c.get(c.otlpHttpUrl("/v1/traces"));
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(c.post(c.otlpHttpUrl("/v2/traces"), PROTOBUF, new byte[0]).statusCode()).isEqualTo(404);
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF, new byte[MAX_BODY + 1]);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(status(response).getMessage()).contains("larger than " + MAX_BODY);
  }

  @Test
  void gzipBombIs413() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gzip.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan(MAX_BODY);
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF,
        compressed.toByteArray(), "Content-Encoding", "gzip");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(status(response).getMessage()).contains("decompresses to more than " + MAX_BODY);
  }

  @Test
  void invalidTraceIdsArePartialSuccessAndValidSpansAreStored() throws Exception {
    Span good = span("aa000000000000000000000000000001", "0000000000000001", "good");
    Span zeroTrace = span("00000000000000000000000000000000", "0000000000000002", "zero trace");
    Span shortTrace = span("aa0000", "0000000000000003", "short trace");
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF,
        request(good, zeroTrace, shortTrace).toByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    ExportTraceServiceResponse body = ExportTraceServiceResponse.parseFrom(response.body());
    assertThat(body.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
    assertThat(body.getPartialSuccess().getErrorMessage()).contains("trace_id must be 16 bytes");
    assertThat(c.store.trace("aa000000000000000000000000000001")).singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("good"));
  }

  @Test
  void invalidHexIdInJsonIsPartialSuccess() throws Exception {
    String json = """
        {"resourceSpans":[{"scopeSpans":[{"spans":[
          {"traceId":"bb000000000000000000000000000001","spanId":"0000000000000001","name":"good"},
          {"traceId":"not-hex-at-all","spanId":"0000000000000002","name":"bad"}]}]}]}""";
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), "application/json",
        json.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("\"rejectedSpans\":\"1\"").contains("trace_id must be 16 bytes");
    assertThat(c.store.trace("bb000000000000000000000000000001")).hasSize(1);
  }

  @Test
  void deeplyNestedJsonIs400() throws Exception {
    String deep = "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(200)
        + "{\"stringValue\":\"x\"}" + "}]}}".repeat(200);
    String json = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"deep\",\"value\":"
        + deep + "}]}}]}";
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), "application/json",
        json.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("\"code\":3").contains("nesting depth");
  }

  @Test
  void deeplyNestedProtobufIs400() throws Exception {
    AnyValue value = AnyValue.newBuilder().setStringValue("x").build();
    for (int i = 0; i < 200; i++) {
      value = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
          .addValues(KeyValue.newBuilder().setKey("k").setValue(value))).build();
    }
    Span span = span("cc000000000000000000000000000001", "0000000000000001", "deep").toBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("deep").setValue(value)).build();
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl("/v1/traces"), PROTOBUF,
        request(span).toByteArray());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(status(response).getMessage()).contains("invalid OTLP protobuf");
    assertThat(c.store.trace("cc000000000000000000000000000001")).isEmpty();
  }

  @Test
  void undecodableGrpcMessageIsInvalidArgument() throws Exception {
    RawGrpc.Result result = RawGrpc.call(c.vertx, c.collector.ports().otlpGrpc(),
        "opentelemetry.proto.collector.trace.v1.TraceService", new byte[] {0x0a, 0x7f, 0x01}, Map.of());
    assertThat(result.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(result.message()).contains("invalid OTLP protobuf");
  }

  @Test
  void oversizedGrpcMessageIsResourceExhaustedWithoutRetryInfo() throws Exception {
    Span big = span("cd000000000000000000000000000001", "0000000000000001", "x".repeat(MAX_BODY + 10));
    RawGrpc.Result result = RawGrpc.call(c.vertx, c.collector.ports().otlpGrpc(),
        "opentelemetry.proto.collector.trace.v1.TraceService", request(big).toByteArray(), Map.of());
    assertThat(result.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(result.details().getDetailsList()).isEmpty();
    assertThat(c.store.trace("cd000000000000000000000000000001")).isEmpty();
  }

  @Test
  void gzipBombOverGrpcIsRefused() throws Exception {
    Span big = span("ce000000000000000000000000000001", "0000000000000001", "x".repeat(32 << 20));
    RawGrpc.Result result = RawGrpc.call(c.vertx, c.collector.ports().otlpGrpc(),
        "opentelemetry.proto.collector.trace.v1.TraceService", request(big).toByteArray(), Map.of(),
        "gzip");
    assertThat(result.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(c.store.trace("ce000000000000000000000000000001")).isEmpty();
  }

  @Test
  void unknownGrpcMethodIsUnimplemented() throws Exception {
    RawGrpc.Result result = RawGrpc.call(c.vertx, c.collector.ports().otlpGrpc(),
        "opentelemetry.proto.collector.profiles.v1development.ProfilesService", new byte[0], Map.of());
    assertThat(result.status()).isEqualTo(GrpcStatus.UNIMPLEMENTED);
  }

  @Test
  void goodRequestsSentAlongsideBadOnesAreAllStored() throws Exception {
    List<CompletableFuture<HttpResponse<byte[]>>> good = new ArrayList<>();
    List<CompletableFuture<HttpResponse<byte[]>>> bad = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String trace = String.format("dd0000000000000000000000000000%02x", i);
      good.add(send(PROTOBUF, request(span(trace, "0000000000000001", "ok " + i)).toByteArray()));
      bad.add(send(PROTOBUF, new byte[] {0x0a, 0x7f, (byte) i}));
      bad.add(send("text/csv", new byte[] {1}));
    }
    for (var f : bad) {
      assertThat(f.get().statusCode()).isIn(400, 415);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(good.get(i).get().statusCode()).isEqualTo(200);
      assertThat(c.store.trace(String.format("dd0000000000000000000000000000%02x", i))).hasSize(1);
    }
    String metrics = c.get(c.apiUrl("/metrics")).body();
    assertThat(metrics).contains("pipelens_ingest_requests_rejected_total{protocol=\"otlp_http\","
        + "reason=\"malformed\",signal=\"traces\"}");
  }

  private static CompletableFuture<HttpResponse<byte[]>> send(String type, byte[] body) {
    return c.http.sendAsync(HttpRequest.newBuilder(URI.create(c.otlpHttpUrl("/v1/traces")))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
