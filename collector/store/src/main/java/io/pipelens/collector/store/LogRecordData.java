package io.pipelens.collector.store;

import java.util.Map;

/**
 * One log record (OTLP LogRecord). {@code traceId}/{@code spanId} are lower-case hex or empty when
 * the record is not tied to a span. {@code body} is an OTLP AnyValue mapped as in {@link
 * SpanRecord}; {@code null} when absent. Times are nanoseconds since the Unix epoch; {@code
 * timeEpochNanos} is 0 when the sender did not set it.
 */
public record LogRecordData(
    long timeEpochNanos,
    long observedEpochNanos,
    int severityNumber,
    String severityText,
    Object body,
    String eventName,
    String traceId,
    String spanId,
    int flags,
    String serviceName,
    String language,
    Map<String, Object> resource,
    String scopeName,
    String scopeVersion,
    Map<String, Object> attributes) {}
