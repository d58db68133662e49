package io.pipelens.collector.jaeger;

import io.pipelens.collector.query.JsonValues;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanLink;
import io.pipelens.collector.store.SpanRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans in the JSON of Jaeger's query service ({@code /api/traces/{id}}, the model Jaeger UI
 * reads): one process per distinct service + resource, {@code CHILD_OF} reference to the parent,
 * {@code FOLLOWS_FROM} per link, times in microseconds, attributes as typed tags ({@code string,
 * bool, int64, float64}; lists and maps as JSON strings), {@code span.kind}, {@code
 * otel.status_code}, {@code error=true} and scope as tags, events as logs with an {@code event}
 * field, like Jaeger's own OTLP translation.
 */
final class JaegerJson {
  private JaegerJson() {}

  static JsonObject trace(String traceId, List<SpanRecord> spans) {
    Map<Map<String, Object>, String> processIds = new LinkedHashMap<>();
    JsonObject processes = new JsonObject();
    JsonArray out = new JsonArray();
    for (SpanRecord s : spans) {
      Map<String, Object> key = new LinkedHashMap<>(s.resource());
      key.put("service.name", s.serviceName());
      String pid = processIds.computeIfAbsent(key, k -> {
        String id = "p" + (processIds.size() + 1);
        JsonArray tags = new JsonArray();
        s.resource().forEach((name, value) -> {
          if (!name.equals("service.name")) {
            tags.add(tag(name, value));
          }
        });
        processes.put(id, new JsonObject().put("serviceName", s.serviceName()).put("tags", tags));
        return id;
      });
      out.add(span(s, pid));
    }
    return new JsonObject().put("traceID", traceId).put("spans", out).put("processes", processes)
        .putNull("warnings");
  }

  static JsonObject span(SpanRecord s, String processId) {
    JsonArray refs = new JsonArray();
    if (!s.parentSpanId().isEmpty()) {
      refs.add(ref("CHILD_OF", s.traceId(), s.parentSpanId()));
    }
    for (SpanLink link : s.links()) {
      refs.add(ref("FOLLOWS_FROM", link.traceId(), link.spanId()));
    }
    JsonArray tags = new JsonArray();
    s.attributes().forEach((k, v) -> tags.add(tag(k, v)));
    if (s.kind() != 0) {
      tags.add(tag("span.kind", JsonValues.kind(s.kind())));
    }
    if (s.statusCode() == 1) {
      tags.add(tag("otel.status_code", "OK"));
    } else if (s.statusCode() == 2) {
      tags.add(tag("otel.status_code", "ERROR"));
      tags.add(tag("error", true));
      if (!s.statusMessage().isEmpty()) {
        tags.add(tag("otel.status_description", s.statusMessage()));
      }
    }
    if (!s.scopeName().isEmpty()) {
      tags.add(tag("otel.scope.name", s.scopeName()));
    }
    if (!s.scopeVersion().isEmpty()) {
      tags.add(tag("otel.scope.version", s.scopeVersion()));
    }
    JsonArray logs = new JsonArray();
    for (SpanEvent e : s.events()) {
      JsonArray fields = new JsonArray().add(tag("event", e.name()));
      e.attributes().forEach((k, v) -> fields.add(tag(k, v)));
      logs.add(new JsonObject().put("timestamp", e.epochNanos() / 1000).put("fields", fields));
    }
    return new JsonObject()
        .put("traceID", s.traceId())
        .put("spanID", s.spanId())
        .put("operationName", s.name())
        .put("references", refs)
        .put("flags", s.flags())
        .put("startTime", s.startEpochNanos() / 1000)
        .put("duration", Math.max(0, s.durationNanos() / 1000))
        .put("tags", tags)
        .put("logs", logs)
        .put("processID", processId)
        .putNull("warnings");
  }

  private static JsonObject ref(String type, String traceId, String spanId) {
    return new JsonObject().put("refType", type).put("traceID", traceId).put("spanID", spanId);
  }

  static JsonObject tag(String key, Object value) {
    JsonObject t = new JsonObject().put("key", key);
    if (value instanceof Boolean b) {
      return t.put("type", "bool").put("value", b);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return t.put("type", "int64").put("value", ((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return t.put("type", "float64").put("value", ((Number) value).doubleValue());
    }
    if (value instanceof String str) {
      return t.put("type", "string").put("value", str);
    }
    Object json = JsonValues.value(value);
    return t.put("type", "string").put("value", String.valueOf(json));
  }
}
