package io.pipelens.collector.store;

import java.util.Map;

/** A timed event inside a span, e.g. an {@code exception} event with {@code exception.*} attributes. */
public record SpanEvent(long epochNanos, String name, Map<String, Object> attributes) {}
