package io.pipelens.collector.zipkin;

import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.ingest.CompactAttributes;
import io.pipelens.collector.ingest.RequestStrings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private static final int MAX_RESOURCES = 1_000;
  private static final Map<String, Map<String, Object>> RESOURCES = new ConcurrentHashMap<>();

  private ZipkinSpanConverter() {}

  /** Null when the span cannot be stored (all-zero ids); the decoder already checked hex. */
  public static SpanRecord convert(Span span) {
    return convert(span, new RequestStrings());
  }

  /** As {@link #convert(Span)}; {@code strings} shares repeated tags and names across a request. */
  public static SpanRecord convert(Span span, RequestStrings strings) {
    if (span.id().equals(ZERO_SPAN_ID) || allZeros(span.traceId())) {
      return null;
    }
    List<SpanEvent> events = List.of();
    if (!span.annotations().isEmpty()) {
      SpanEvent[] array = new SpanEvent[span.annotations().size()];
      for (int i = 0; i < array.length; i++) {
        Annotation a = span.annotations().get(i);
        array[i] = new SpanEvent(a.timestamp() * 1000, strings.of(a.value()), Map.of());
      }
      events = List.of(array);
    }
    Endpoint remote = span.remoteEndpoint();
    return record(span.traceId(), span.id(), span.parentId(), kind(span.kind()), span.name(),
        span.timestampAsLong(), span.durationAsLong(), Boolean.TRUE.equals(span.shared()),
        span.localServiceName(), remote, span.tags().entrySet(), events, strings);
  }

  /**
   * The record of a decoded span whose ids are valid and not all zeros, from its fields as zipkin2
   * normalises them (lower-case names, tags in key order, times in microseconds). Shared by {@link
   * #convert} and the JSON fast path ({@link ZipkinJsonFastPath}), so both map alike.
   */
  static SpanRecord record(String traceId, String id, String parentId, int kind, String name,
      long timestampMicros, long durationMicros, boolean shared, String localServiceName,
      Endpoint remote, Iterable<Map.Entry<String, String>> sortedTags, List<SpanEvent> events,
      RequestStrings strings) {
    CompactAttributes.Builder attributes = CompactAttributes.builder(16);
    int statusCode = 0;
    String statusMessage = "";
    String scopeName = "";
    String scopeVersion = "";
    String errorTag = null;
    for (Map.Entry<String, String> tag : sortedTags) {
      switch (tag.getKey()) {
        case "otel.status_code" -> statusCode = statusCode(tag.getValue(), statusCode);
        case "otel.status_description" -> statusMessage = tag.getValue();
        case "otel.scope.name", "otel.library.name" -> scopeName = tag.getValue();
        case "otel.scope.version", "otel.library.version" -> scopeVersion = tag.getValue();
        default -> {
          if (tag.getKey().equals("error")) {
            errorTag = tag.getValue();
          }
          attributes.put(strings.of(tag.getKey()), strings.of(tag.getValue()));
        }
      }
    }
    if (errorTag != null) {
      if (statusCode == 0) {
        statusCode = 2;
      }
      // the error tag carries the description (OpenTelemetry's Zipkin mapping), also next to otel.status_code
      if (statusCode == 2 && statusMessage.isEmpty()) {
        statusMessage = errorTag;
      }
    }
    if (remote != null) {
      if (remote.serviceName() != null) {
        attributes.put("peer.service", strings.of(remote.serviceName()));
      }
      String ip = remote.ipv6() != null ? remote.ipv6() : remote.ipv4();
      if (ip != null) {
        attributes.put("network.peer.address", strings.of(ip));
      }
      if (remote.portAsInt() != 0) {
        attributes.put("network.peer.port", (long) remote.portAsInt());
      }
    }
    if (shared) {
      attributes.put("zipkin.shared", true);
    }
    String service = localServiceName == null ? "" : strings.of(localServiceName);
    Map<String, Object> resource = resource(service);
    long start = timestampMicros * 1000;
    return new SpanRecord(
        strings.of(pad(traceId)),
        id,
        parentId == null ? "" : strings.of(parentId),
        "",
        0,
        name == null ? "" : strings.of(name),
        kind,
        start,
        start + durationMicros * 1000,
        statusCode,
        strings.of(statusMessage),
        service,
        "",
        resource,
        scopeName,
        scopeVersion,
        attributes.build(),
        events,
        List.of());
  }

  /**
   * One resource map per service name, shared by every span of it: the store recognises a resource
   * it has seen by identity, so equal maps per span would each be encoded and hashed again.
   */
  private static Map<String, Object> resource(String service) {
    if (service.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> cached = RESOURCES.get(service);
    if (cached == null) {
      if (RESOURCES.size() >= MAX_RESOURCES) {
        RESOURCES.clear(); // unbounded service names must not grow memory
      }
      cached = RESOURCES.computeIfAbsent(service, s -> Map.of("service.name", s));
    }
    return cached;
  }

  static boolean allZeros(String hex) {
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
