package io.pipelens.collector.store;

import java.util.List;
import java.util.Map;

/**
 * One span as pipelens keeps it, independent of the protocol it arrived over (OTLP or Zipkin).
 *
 * <p>Ids are lower-case hex: {@code traceId} 32 characters, {@code spanId} 16, {@code parentSpanId}
 * 16 or empty for a root span. Times are nanoseconds since the Unix epoch. {@code kind} and {@code
 * statusCode} use OTLP's enum numbers (kind: 0 unspecified, 1 internal, 2 server, 3 client, 4
 * producer, 5 consumer; status: 0 unset, 1 ok, 2 error). {@code serviceName} is the resource's
 * {@code service.name} and {@code language} its {@code telemetry.sdk.language} (empty when absent),
 * copied out of {@code resource} so queries need not unpack it. Attribute maps keep insertion order;
 * values are {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@code byte[]}, {@link
 * List} or {@link Map} (OTLP AnyValue).
 */
public record SpanRecord(
    String traceId,
    String spanId,
    String parentSpanId,
    String traceState,
    int flags,
    String name,
    int kind,
    long startEpochNanos,
    long endEpochNanos,
    int statusCode,
    String statusMessage,
    String serviceName,
    String language,
    Map<String, Object> resource,
    String scopeName,
    String scopeVersion,
    Map<String, Object> attributes,
    List<SpanEvent> events,
    List<SpanLink> links) {

  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }
}
