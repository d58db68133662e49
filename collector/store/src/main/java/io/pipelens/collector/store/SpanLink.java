package io.pipelens.collector.store;

import java.util.Map;

/** A link from a span to another span, possibly in another trace. Ids are lower-case hex. */
public record SpanLink(
    String traceId, String spanId, String traceState, Map<String, Object> attributes) {}
