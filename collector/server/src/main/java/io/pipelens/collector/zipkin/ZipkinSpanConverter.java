package io.pipelens.collector.zipkin;

import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Zipkin v2 spans to {@link SpanRecord}, following OpenTelemetry's Zipkin mapping where it defines
 * one: the local endpoint's service name becomes {@code service.name}; tags become attributes
 * ({@code otel.status_code}/{@code otel.status_description} and the {@code error} tag set the
 * status, {@code otel.scope.name}/{@code otel.scope.version} the scope); annotations become events;
 * the remote endpoint becomes {@code peer.service}, {@code network.peer.address} and {@code
 * network.peer.port}; a shared span gets {@code zipkin.shared=true}. 64-bit trace ids are
 * left-padded with zeros to 128 bits. Zipkin's microseconds become nanoseconds.
 */
public final class ZipkinSpanConverter {
  private static final String ZERO_SPAN_ID = "0000000000000000";

  private ZipkinSpanConverter() {}

  /** Null when the span cannot be stored (all-zero ids); the decoder already checked hex. */
  public static SpanRecord convert(Span span) {
    if (span.id().equals(ZERO_SPAN_ID) || allZeros(span.traceId())) {
      return null;
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    int statusCode = 0;
    String statusMessage = "";
    String scopeName = "";
    String scopeVersion = "";
    for (Map.Entry<String, String> tag : span.tags().entrySet()) {
      switch (tag.getKey()) {
        case "otel.status_code" -> statusCode = statusCode(tag.getValue(), statusCode);
        case "otel.status_description" -> statusMessage = tag.getValue();
        case "otel.scope.name", "otel.library.name" -> scopeName = tag.getValue();
        case "otel.scope.version", "otel.library.version" -> scopeVersion = tag.getValue();
        default -> attributes.put(tag.getKey(), tag.getValue());
      }
    }
    if (span.tags().containsKey("error")) {
      if (statusCode == 0) {
        statusCode = 2;
      }
      // the error tag carries the description (OpenTelemetry's Zipkin mapping), also next to otel.status_code
      if (statusCode == 2 && statusMessage.isEmpty()) {
        statusMessage = span.tags().get("error");
      }
    }
    Endpoint remote = span.remoteEndpoint();
    if (remote != null) {
      if (remote.serviceName() != null) {
        attributes.put("peer.service", remote.serviceName());
      }
      String ip = remote.ipv6() != null ? remote.ipv6() : remote.ipv4();
      if (ip != null) {
        attributes.put("network.peer.address", ip);
      }
      if (remote.portAsInt() != 0) {
        attributes.put("network.peer.port", (long) remote.portAsInt());
      }
    }
    if (Boolean.TRUE.equals(span.shared())) {
      attributes.put("zipkin.shared", true);
    }
    String service = span.localServiceName() == null ? "" : span.localServiceName();
    Map<String, Object> resource = service.isEmpty() ? Map.of() : Map.of("service.name", service);
    List<SpanEvent> events = new ArrayList<>(span.annotations().size());
    for (Annotation a : span.annotations()) {
      events.add(new SpanEvent(a.timestamp() * 1000, a.value(), Map.of()));
    }
    long start = span.timestampAsLong() * 1000;
    return new SpanRecord(
        pad(span.traceId()),
        span.id(),
        span.parentId() == null ? "" : span.parentId(),
        "",
        0,
        span.name() == null ? "" : span.name(),
        kind(span.kind()),
        start,
        start + span.durationAsLong() * 1000,
        statusCode,
        statusMessage,
        service,
        "",
        resource,
        scopeName,
        scopeVersion,
        java.util.Collections.unmodifiableMap(attributes),
        List.copyOf(events),
        List.of());
  }

  private static boolean allZeros(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  private static int statusCode(String value, int otherwise) {
    return switch (value.toUpperCase(java.util.Locale.ROOT)) {
      case "OK" -> 1;
      case "ERROR" -> 2;
      case "UNSET" -> 0;
      default -> otherwise;
    };
  }

  private static String pad(String traceId) {
    return traceId.length() == 32 ? traceId : "0".repeat(32 - traceId.length()) + traceId;
  }

  private static int kind(Span.Kind kind) {
    if (kind == null) {
      return 0;
    }
    return switch (kind) {
      case SERVER -> 2;
      case CLIENT -> 3;
      case PRODUCER -> 4;
      case CONSUMER -> 5;
    };
  }
}
