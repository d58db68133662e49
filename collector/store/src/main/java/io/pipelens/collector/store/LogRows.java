package io.pipelens.collector.store;

import static io.pipelens.collector.store.SpanRows.str;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/** Maps {@link LogRecordData} to and from a row of the {@code logs} table. */
final class LogRows {
  static final String SELECT =
      "SELECT time_ns, observed_ns, severity_number, severity_text, body, event_name, trace_id,"
          + " span_id, flags, service_name, language, resource_id, scope_name, scope_version,"
          + " attributes FROM logs";

  private LogRows() {}

  static void append(
      DuckDBAppender a, LogRecordData l, ResourceIds.Call resources, String what)
      throws SQLException {
    String body = AttributeJson.encodeValue(l.body(), what + ".body");
    String attributes = AttributeJson.encodeMap(l.attributes(), what + ".attributes");
    Long resource = resources.idOf(l.resource(), what);
    a.beginRow();
    if (l.traceId() == null || l.traceId().isEmpty()) {
      a.appendNull();
    } else {
      a.append(TraceKey.of(l.traceId()));
    }
    a.append(l.timeEpochNanos());
    a.append(l.observedEpochNanos());
    a.append(l.severityNumber());
    str(a, l.severityText());
    str(a, body);
    str(a, l.eventName());
    str(a, l.traceId());
    str(a, l.spanId());
    a.append(l.flags());
    str(a, l.serviceName());
    str(a, l.language());
    SpanRows.nullableLong(a, resource);
    str(a, l.scopeName());
    str(a, l.scopeVersion());
    str(a, attributes);
    a.endRow();
  }

  static LogRecordData read(ResultSet rs, ResourceCache.Lookup resources)
      throws SQLException {
    return new LogRecordData(
        rs.getLong(1),
        rs.getLong(2),
        rs.getInt(3),
        rs.getString(4),
        AttributeJson.decodeValue(rs.getString(5)),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getInt(9),
        rs.getString(10),
        rs.getString(11),
        resources.resource(rs, 12),
        rs.getString(13),
        rs.getString(14),
        AttributeJson.decodeMap(rs.getString(15)));
  }
}
