package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * Reads {@link SpanRecord}s from rows of the schema-1 {@code spans} table (one row per span), for
 * {@link DuckDbMigration}; and the appender helpers the row writers share.
 */
final class SpanRows {
  static final String SELECT =
      "SELECT trace_id, span_id, parent_span_id, trace_state, flags, name, kind, start_ns, end_ns,"
          + " status_code, status_message, service_name, language, resource_id, scope_name,"
          + " scope_version, attributes, events, links FROM spans";

  private SpanRows() {}

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
