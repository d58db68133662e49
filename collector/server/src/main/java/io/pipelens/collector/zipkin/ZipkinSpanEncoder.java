package io.pipelens.collector.zipkin;

import io.pipelens.collector.query.JsonValues;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * {@link SpanRecord} back to a Zipkin v2 span, the reverse of {@link ZipkinSpanConverter} and
 * OpenTelemetry's Zipkin exporter mapping: kind, local endpoint from the service name, remote
 * endpoint from {@code peer.service}/{@code network.peer.address}/{@code network.peer.port},
 * attributes as tags (non-strings as their JSON text), status as {@code otel.status_code} plus the
 * {@code error} tag, scope as {@code otel.scope.name}/{@code otel.scope.version}, events as
 * annotations ({@code name} or {@code name: {attributes JSON}}). Nanoseconds become microseconds
 * (a non-zero duration under 1 µs becomes 1 µs, since Zipkin reads 0 as "unknown").
 */
public final class ZipkinSpanEncoder {
  private ZipkinSpanEncoder() {}

  public static Span toZipkin(SpanRecord s) {
    Span.Builder b = Span.newBuilder()
        .traceId(s.traceId())
        .id(s.spanId())
        .parentId(s.parentSpanId().isEmpty() ? null : s.parentSpanId())
        .name(s.name())
        .kind(kind(s.kind()))
        .timestamp(s.startEpochNanos() / 1000);
    long nanos = s.durationNanos();
    if (nanos > 0) {
      b.duration(Math.max(1, nanos / 1000));
    }
    if (!s.serviceName().isEmpty()) {
      b.localEndpoint(Endpoint.newBuilder().serviceName(s.serviceName()).build());
    }
    Endpoint.Builder remote = Endpoint.newBuilder();
    boolean hasRemote = false;
    for (Map.Entry<String, Object> a : s.attributes().entrySet()) {
      Object v = a.getValue();
      switch (a.getKey()) {
        case "peer.service" -> {
          remote.serviceName(String.valueOf(v));
          hasRemote = true;
        }
        case "network.peer.address" -> hasRemote |= remote.parseIp(String.valueOf(v));
        case "network.peer.port" -> {
          if (v instanceof Number n) {
            remote.port(n.intValue());
            hasRemote = true;
          } else {
            b.putTag(a.getKey(), String.valueOf(v));
          }
        }
        case "zipkin.shared" -> b.shared(Boolean.TRUE.equals(v) || "true".equals(v));
        default -> b.putTag(a.getKey(), text(v));
      }
    }
    if (hasRemote) {
      b.remoteEndpoint(remote.build());
    }
    if (s.statusCode() == 1) {
      b.putTag("otel.status_code", "OK");
    } else if (s.statusCode() == 2) {
      b.putTag("otel.status_code", "ERROR");
      b.putTag("error", s.statusMessage().isEmpty() ? "true" : s.statusMessage());
    }
    if (!s.scopeName().isEmpty()) {
      b.putTag("otel.scope.name", s.scopeName());
    }
    if (!s.scopeVersion().isEmpty()) {
      b.putTag("otel.scope.version", s.scopeVersion());
    }
    for (SpanEvent e : s.events()) {
      String value = e.attributes().isEmpty() ? e.name()
          : e.name() + ": " + JsonValues.attributes(e.attributes()).encode();
      b.addAnnotation(e.epochNanos() / 1000, value);
    }
    return b.build();
  }

  private static String text(Object v) {
    if (v instanceof String str) {
      return str;
    }
    Object json = JsonValues.value(v);
    return json instanceof JsonObject || json instanceof io.vertx.core.json.JsonArray
        ? json.toString() : String.valueOf(json);
  }

  private static Span.Kind kind(int kind) {
    return switch (kind) {
      case 2 -> Span.Kind.SERVER;
      case 3 -> Span.Kind.CLIENT;
      case 4 -> Span.Kind.PRODUCER;
      case 5 -> Span.Kind.CONSUMER;
      default -> null;
    };
  }
}
