package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/** Maps {@link SpanRecord} to and from a row of the {@code spans} table. */
final class SpanRows {
  static final String SELECT =
      "SELECT trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_ns, end_ns,"
          + " status_code, status_message, service_name, language, resource_id, scope_name,"
          + " scope_version, attributes, events, links FROM spans";

  private SpanRows() {}

  /**
   * Appends span {@code index} of batch {@code batch} (named in errors); {@code resources} gives
   * the row its resource id.
   */
  static void append(
      DuckDBAppender a, SpanRecord s, ResourceIds.Call resources, int batch, int index)
      throws SQLException {
    String traceId = s.traceId();
    if (traceId == null || traceId.isEmpty() || s.spanId() == null || s.spanId().isEmpty()) {
      String what = what(batch, index);
      require(traceId, what, "traceId");
      require(s.spanId(), what, "spanId");
    }
    String attributes;
    try {
      attributes = AttributeJson.encodeMapUnnamed(s.attributes());
    } catch (AttributeJson.Unencodable e) {
      attributes = AttributeJson.encodeMap(s.attributes(), what(batch, index) + ".attributes");
    }
    String events;
    String links;
    Long resource;
    if (s.events() != null && s.events().isEmpty()
        && s.links() != null && s.links().isEmpty()
        && resources.isKnown(s.resource())) {
      events = "[]"; // the common case, without naming anything
      links = "[]";
      resource = resources.idOf(s.resource(), null);
    } else {
      String what = what(batch, index);
      events = SpanNestedJson.encodeEvents(s.events(), what);
      links = SpanNestedJson.encodeLinks(s.links(), what);
      resource = resources.idOf(s.resource(), what);
    }
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
    nullableLong(a, resource);
    str(a, s.scopeName());
    str(a, s.scopeVersion());
    str(a, attributes);
    str(a, events);
    str(a, links);
    a.endRow();
  }

  private static String what(int batch, int index) {
    return "batch " + batch + " span " + index;
  }

  static SpanRecord read(ResultSet rs, ResourceCache.Lookup resources) throws SQLException {
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
        resources.resource(rs, 14),
        rs.getString(15),
        rs.getString(16),
        AttributeJson.decodeMap(rs.getString(17)),
        SpanNestedJson.decodeEvents(rs.getString(18)),
        SpanNestedJson.decodeLinks(rs.getString(19)));
  }

  static void nullableLong(DuckDBAppender a, Long value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value.longValue());
    }
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
