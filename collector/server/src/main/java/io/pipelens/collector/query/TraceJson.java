package io.pipelens.collector.query;

import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanLink;
import io.pipelens.collector.store.SpanRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The pipelens trace view ({@code GET /api/traces/{traceId}}, see docs/api.md). */
final class TraceJson {
  private TraceJson() {}

  static JsonObject trace(String traceId, List<SpanRecord> spans, List<LogRecordData> logs) {
    JsonArray s = new JsonArray();
    spans.forEach(span -> s.add(span(span)));
    JsonArray l = new JsonArray();
    logs.forEach(log -> l.add(log(log)));
    return new JsonObject().put("traceId", traceId).put("spans", s).put("logs", l);
  }

  static JsonObject span(SpanRecord span) {
    JsonArray events = new JsonArray();
    for (SpanEvent e : span.events()) {
      events.add(new JsonObject().put("name", e.name())
          .put("timeUnixNano", JsonValues.nanos(e.epochNanos()))
          .put("time", JsonValues.time(e.epochNanos()))
          .put("attributes", JsonValues.attributes(e.attributes())));
    }
    JsonArray links = new JsonArray();
    for (SpanLink link : span.links()) {
      links.add(new JsonObject().put("traceId", link.traceId()).put("spanId", link.spanId())
          .put("attributes", JsonValues.attributes(link.attributes())));
    }
    return new JsonObject()
        .put("traceId", span.traceId())
        .put("spanId", span.spanId())
        .put("parentSpanId", span.parentSpanId())
        .put("name", span.name())
        .put("kind", JsonValues.kind(span.kind()))
        .put("service", span.serviceName())
        .put("language", span.language())
        .put("startTimeUnixNano", JsonValues.nanos(span.startEpochNanos()))
        .put("endTimeUnixNano", JsonValues.nanos(span.endEpochNanos()))
        .put("startTime", JsonValues.time(span.startEpochNanos()))
        .put("durationNanos", span.durationNanos())
        .put("status", new JsonObject().put("code", JsonValues.status(span.statusCode()))
            .put("message", span.statusMessage()))
        .put("scope", new JsonObject().put("name", span.scopeName()).put("version", span.scopeVersion()))
        .put("resource", JsonValues.attributes(span.resource()))
        .put("attributes", JsonValues.attributes(span.attributes()))
        .put("events", events)
        .put("links", links);
  }

  static JsonObject log(LogRecordData log) {
    return new JsonObject()
        .put("timeUnixNano", JsonValues.nanos(log.timeEpochNanos()))
        .put("observedTimeUnixNano", JsonValues.nanos(log.observedEpochNanos()))
        .put("time", JsonValues.time(log.timeEpochNanos() != 0 ? log.timeEpochNanos() : log.observedEpochNanos()))
        .put("severityNumber", log.severityNumber())
        .put("severityText", log.severityText())
        .put("body", JsonValues.value(log.body()))
        .put("eventName", log.eventName())
        .put("traceId", log.traceId())
        .put("spanId", log.spanId())
        .put("service", log.serviceName())
        .put("language", log.language())
        .put("attributes", JsonValues.attributes(log.attributes()));
  }
}
