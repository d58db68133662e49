package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The read queries of {@link DuckDbTelemetryStore}, each on a connection the caller owns.
 *
 * <p>Numbers go into the SQL as constants, not parameters, so DuckDB prunes row groups by their
 * zone maps. No {@code ORDER BY}: sorting the wide rows in DuckDB cost three times the scan; rows
 * come back in insertion order and the stable sorts here keep it for equal times.
 */
final class DuckDbQueries {
  private DuckDbQueries() {}

  /**
   * The trace's spans by start time: its chunks, found through the {@code trace_key} index (see
   * {@link DuckDbSchema#INDEXES}), checked on the full id here, decoded in Java.
   */
  static List<SpanRecord> trace(Connection conn, String traceId) throws SQLException {
    List<SpanRecord> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(traceSql(traceId))) {
      while (rs.next()) {
        if (traceId.equals(rs.getString(1))) {
          out.addAll(SpanBlockCodec.decodeAll(rs.getBytes(2)));
        }
      }
    }
    out.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
    return out;
  }

  /** The trace's logs by time, through the {@code trace_key} index like {@link #trace}. */
  static List<LogRecordData> logsOfTrace(
      Connection conn, ResourceCache.Lookup resources, String traceId) throws SQLException {
    List<LogRecordData> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(logsSql(traceId))) {
      while (rs.next()) {
        LogRecordData log = LogRows.read(rs, resources);
        if (traceId.equals(log.traceId())) {
          out.add(log);
        }
      }
    }
    out.sort(Comparator.comparingLong(DuckDbQueries::logTime));
    return out;
  }

  /** The query of {@link #trace}: {@code trace_id, spans} of the chunks with the id's key. */
  static String traceSql(String traceId) {
    return "SELECT trace_id, spans FROM " + SpanChunks.TABLE + " WHERE trace_key = "
        + TraceKey.of(traceId);
  }

  /** The query of {@link #logsOfTrace}: the logs with the id's key. */
  static String logsSql(String traceId) {
    return LogRows.SELECT + " WHERE trace_key = " + TraceKey.of(traceId);
  }

  static List<MetricPoint> metricPoints(
      Connection conn, ResourceCache.Lookup resources, String name, long from, long to)
      throws SQLException {
    String sql =
        MetricRows.SELECT + " WHERE time_ns >= " + from + " AND time_ns < " + to + " AND name = ?";
    List<MetricPoint> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(MetricRows.read(rs, resources));
        }
      }
    }
    out.sort(Comparator.comparingLong(MetricPoint::timeEpochNanos));
    return out;
  }

  private static long logTime(LogRecordData l) {
    return l.timeEpochNanos() != 0 ? l.timeEpochNanos() : l.observedEpochNanos();
  }
}
