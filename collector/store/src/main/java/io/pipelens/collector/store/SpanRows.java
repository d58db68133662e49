package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/** Maps {@link SpanRecord} to and from a row of the {@code spans} table. */
final class SpanRows {
  static final String SELECT =
      "SELECT trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_ns, end_ns,"
          + " status_code, status_message, service_name, language, resource, scope_name,"
          + " scope_version, attributes, events, links FROM spans";

  private SpanRows() {}

  /**
   * Appends one row. {@code resources} caches the JSON of resource maps by identity: the spans of
   * one request share their resource map, so it is encoded once.
   */
  static void append(
      DuckDBAppender a, SpanRecord s, Map<Map<String, Object>, String> resources, String what)
      throws SQLException {
    String traceId = require(s.traceId(), what, "traceId");
    require(s.spanId(), what, "spanId");
    String attributes = AttributeJson.encodeMap(s.attributes(), what + ".attributes");
    String events = SpanNestedJson.encodeEvents(s.events(), what);
    String links = SpanNestedJson.encodeLinks(s.links(), what);
    String resource = resourceJson(s.resource(), resources, what);
    a.beginRow();
    a.append(TraceKey.of(traceId));
    a.append(traceId);
    a.append(s.spanId());
    str(a, s.parentSpanId());
    str(a, s.traceState());
    a.append(s.flags());
    str(a, s.name());
    a.append(s.kind());
    a.append(s.startEpochNanos());
    a.append(s.endEpochNanos());
    a.append(s.statusCode());
    str(a, s.statusMessage());
    str(a, s.serviceName());
    str(a, s.language());
    str(a, resource);
    str(a, s.scopeName());
    str(a, s.scopeVersion());
    str(a, attributes);
    str(a, events);
    str(a, links);
    a.endRow();
  }

  static SpanRecord read(ResultSet rs) throws SQLException {
    return new SpanRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getInt(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        AttributeJson.decodeMap(rs.getString(14)),
        rs.getString(15),
        rs.getString(16),
        AttributeJson.decodeMap(rs.getString(17)),
        SpanNestedJson.decodeEvents(rs.getString(18)),
        SpanNestedJson.decodeLinks(rs.getString(19)));
  }

  static String resourceJson(
      Map<String, Object> resource, Map<Map<String, Object>, String> cache, String what) {
    if (resource == null) {
      return null;
    }
    String json = cache.get(resource);
    if (json == null) {
      json = AttributeJson.encodeMap(resource, what + ".resource");
      cache.put(resource, json);
    }
    return json;
  }

  static Map<Map<String, Object>, String> newResourceCache() {
    return new IdentityHashMap<>();
  }

  static String require(String value, String what, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + ": " + field + " is missing");
    }
    return value;
  }

  static void str(DuckDBAppender a, String s) throws SQLException {
    if (s == null) {
      a.appendNull();
    } else {
      a.append(s);
    }
  }
}
