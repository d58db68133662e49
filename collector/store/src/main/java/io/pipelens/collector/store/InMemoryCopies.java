package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Canonical copies of records for {@link InMemoryTelemetryStore}: the same checks and the same
 * value forms the DuckDB store applies on its way to disk and back.
 */
final class InMemoryCopies {
  private InMemoryCopies() {}

  static SpanRecord span(SpanRecord s, String what) {
    SpanRows.require(s.traceId(), what, "traceId");
    SpanRows.require(s.spanId(), what, "spanId");
    List<SpanEvent> events = null;
    if (s.events() != null) {
      events = new ArrayList<>();
      for (int i = 0; i < s.events().size(); i++) {
        SpanEvent e = s.events().get(i);
        events.add(
            new SpanEvent(
                e.epochNanos(),
                e.name(),
                AttributeValues.canonical(e.attributes(), what + ".events[" + i + "]")));
      }
      events = Collections.unmodifiableList(events);
    }
    List<SpanLink> links = null;
    if (s.links() != null) {
      links = new ArrayList<>();
      for (int i = 0; i < s.links().size(); i++) {
        SpanLink l = s.links().get(i);
        links.add(
            new SpanLink(
                l.traceId(),
                l.spanId(),
                l.traceState(),
                AttributeValues.canonical(l.attributes(), what + ".links[" + i + "]")));
      }
      links = Collections.unmodifiableList(links);
    }
    return new SpanRecord(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.traceState(),
        s.flags(),
        s.name(),
        s.kind(),
        s.startEpochNanos(),
        s.endEpochNanos(),
        s.statusCode(),
        s.statusMessage(),
        s.serviceName(),
        s.language(),
        AttributeValues.canonical(s.resource(), what + ".resource"),
        s.scopeName(),
        s.scopeVersion(),
        AttributeValues.canonical(s.attributes(), what + ".attributes"),
        events,
        links);
  }

  static LogRecordData log(LogRecordData l, String what) {
    return new LogRecordData(
        l.timeEpochNanos(),
        l.observedEpochNanos(),
        l.severityNumber(),
        l.severityText(),
        AttributeValues.canonicalValue(l.body(), what + ".body"),
        l.eventName(),
        l.traceId(),
        l.spanId(),
        l.flags(),
        l.serviceName(),
        l.language(),
        AttributeValues.canonical(l.resource(), what + ".resource"),
        l.scopeName(),
        l.scopeVersion(),
        AttributeValues.canonical(l.attributes(), what + ".attributes"));
  }

  static MetricPoint metric(MetricPoint m, String what) {
    SpanRows.require(m.name(), what, "name");
    if (m.type() == null) {
      throw new IllegalArgumentException(what + ": type is missing");
    }
    return new MetricPoint(
        m.name(),
        m.description(),
        m.unit(),
        m.type(),
        m.monotonic(),
        m.temporality(),
        m.startEpochNanos(),
        m.timeEpochNanos(),
        m.serviceName(),
        m.language(),
        AttributeValues.canonical(m.resource(), what + ".resource"),
        m.scopeName(),
        m.scopeVersion(),
        AttributeValues.canonical(m.attributes(), what + ".attributes"),
        m.value(),
        m.count(),
        m.sum(),
        m.min(),
        m.max(),
        m.scale(),
        copy(m.bucketBounds(), what + ".bucketBounds"),
        copy(m.bucketCounts(), what + ".bucketCounts"),
        copy(m.quantiles(), what + ".quantiles"),
        copy(m.quantileValues(), what + ".quantileValues"),
        m.flags());
  }

  private static <T> List<T> copy(List<T> list, String what) {
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException(what + "[" + i + "] is null");
      }
    }
    return List.copyOf(list);
  }
}
