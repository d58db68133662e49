package io.pipelens.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The benchmark's span shape: one trace per request, {@code spansPerRequest} spans (a root and
 * its children), ten attributes each, like a pipeline step calling services. The same logical
 * spans are encoded as OTLP protobuf and as Zipkin v2 JSON, so every target gets identical load.
 */
final class SpanShapes {
  private static final String[] STEPS = {"extract", "features", "score", "publish", "validate"};
  private final Random random = new Random(42);
  // Recent times: the collector's age retention (7 days by default) must not delete them mid-run.
  private final long baseNanos = (System.currentTimeMillis() - 3_600_000L) * 1_000_000L;

  /** One logical span, before encoding. */
  record LogicalSpan(
      byte[] traceId, byte[] spanId, byte[] parentId, String name, long startNanos, long durNanos,
      boolean error, String[][] attributes) {}

  List<LogicalSpan> request(int requestIndex, int spansPerRequest) {
    byte[] traceId = new byte[16];
    ByteBuffer.wrap(traceId).putLong(0x5eed000000000000L | requestIndex).putLong(random.nextLong());
    List<LogicalSpan> spans = new ArrayList<>(spansPerRequest);
    byte[] rootId = spanId(requestIndex, 0);
    long start = baseNanos + requestIndex * 1_000_000L;
    for (int i = 0; i < spansPerRequest; i++) {
      String step = STEPS[i % STEPS.length];
      String[][] attrs = {
        {"http.request.method", i % 3 == 0 ? "POST" : "GET"},
        {"http.route", "/api/v1/" + step + "/{id}"},
        {"http.response.status_code", Integer.toString(i % 17 == 0 ? 500 : 200)},
        {"server.address", "svc-" + (i % 4) + ".pipeline.internal"},
        {"server.port", "8080"},
        {"pipeline.name", "churn-daily"},
        {"pipeline.run_id", "run-" + requestIndex},
        {"pipeline.step", step},
        {"rows.processed", Integer.toString(random.nextInt(100_000))},
        {"thread.name", "worker-" + (i % 8)},
      };
      spans.add(new LogicalSpan(traceId, i == 0 ? rootId : spanId(requestIndex, i),
          i == 0 ? null : rootId, step + " " + attrs[1][1], start + i * 10_000L,
          50_000L + random.nextInt(5_000_000), i % 17 == 0, attrs));
    }
    return spans;
  }

  private static byte[] spanId(int request, int index) {
    byte[] id = new byte[8];
    ByteBuffer.wrap(id).putInt(request + 1).putInt(index + 1);
    return id;
  }

  byte[] otlpProtobuf(List<LogicalSpan> spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("io.pipelens.bench").setVersion("1.0"));
    for (LogicalSpan s : spans) {
      Span.Builder b = Span.newBuilder()
          .setTraceId(ByteString.copyFrom(s.traceId()))
          .setSpanId(ByteString.copyFrom(s.spanId()))
          .setName(s.name())
          .setKind(s.parentId() == null ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
          .setStartTimeUnixNano(s.startNanos())
          .setEndTimeUnixNano(s.startNanos() + s.durNanos());
      if (s.parentId() != null) {
        b.setParentSpanId(ByteString.copyFrom(s.parentId()));
      }
      if (s.error()) {
        b.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream 500"));
      }
      for (String[] kv : s.attributes()) {
        b.addAttributes(KeyValue.newBuilder().setKey(kv[0])
            .setValue(AnyValue.newBuilder().setStringValue(kv[1])));
      }
      scope.addSpans(b);
    }
    Resource resource = Resource.newBuilder()
        .addAttributes(kv("service.name", "bench-scheduler"))
        .addAttributes(kv("telemetry.sdk.language", "java"))
        .addAttributes(kv("host.name", "bench-host"))
        .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build()
        .toByteArray();
  }

  byte[] zipkinJson(List<LogicalSpan> spans) {
    Endpoint local = Endpoint.newBuilder().serviceName("bench-scheduler").build();
    List<zipkin2.Span> out = new ArrayList<>(spans.size());
    for (LogicalSpan s : spans) {
      zipkin2.Span.Builder b = zipkin2.Span.newBuilder()
          .traceId(hex(s.traceId()))
          .id(hex(s.spanId()))
          .name(s.name())
          .kind(s.parentId() == null ? zipkin2.Span.Kind.SERVER : zipkin2.Span.Kind.CLIENT)
          .timestamp(s.startNanos() / 1000)
          .duration(Math.max(1, s.durNanos() / 1000))
          .localEndpoint(local);
      if (s.parentId() != null) {
        b.parentId(hex(s.parentId()));
      }
      if (s.error()) {
        b.putTag("error", "upstream 500");
      }
      for (String[] kv : s.attributes()) {
        b.putTag(kv[0], kv[1]);
      }
      out.add(b.build());
    }
    return SpanBytesEncoder.JSON_V2.encodeList(out);
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder().setKey(k).setValue(AnyValue.newBuilder().setStringValue(v)).build();
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
