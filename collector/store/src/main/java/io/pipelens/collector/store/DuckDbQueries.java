package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  /** The time range of the trace's logs from {@code trace_index} ({lo, hi}), or null when none. */
  private static long[] range(Connection conn, long key, String traceId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT min(min_start_ns), max(max_start_ns) FROM trace_index"
                + " WHERE trace_key = " + key + " AND trace_id = ?")) {
      ps.setString(1, traceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long lo = rs.getLong(1);
        return rs.wasNull() ? null : new long[] {lo, rs.getLong(2)};
      }
    }
  }

  /**
   * The trace's spans by start time: its chunks ({@code trace_key} compared first, an integer scan
   * of one row per trace per write call), decoded in Java.
   */
  static List<SpanRecord> trace(Connection conn, String traceId) throws SQLException {
    List<SpanRecord> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT spans FROM " + SpanChunks.TABLE
        + " WHERE trace_key = " + TraceKey.of(traceId) + " AND trace_id = ?")) {
      ps.setString(1, traceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.addAll(SpanBlockCodec.decode(rs.getBytes(1)));
        }
      }
    }
    out.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
    return out;
  }

  static List<LogRecordData> logsOfTrace(
      Connection conn, ResourceCache.Lookup resources, String traceId) throws SQLException {
    long key = TraceKey.of(traceId);
    long[] range = range(conn, key, traceId);
    if (range == null) {
      return List.of();
    }
    // Two plain column ranges, so DuckDB's zone maps skip the row groups outside each.
    String match = " AND trace_key = " + key + " AND trace_id = ?";
    String sql = LogRows.SELECT + " WHERE time_ns BETWEEN " + range[0] + " AND " + range[1]
        + " AND time_ns <> 0" + match
        + " UNION ALL " + LogRows.SELECT + " WHERE time_ns = 0 AND observed_ns BETWEEN " + range[0]
        + " AND " + range[1] + match;
    List<LogRecordData> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, traceId);
      ps.setString(2, traceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(LogRows.read(rs, resources));
        }
      }
    }
    out.sort(Comparator.comparingLong(DuckDbQueries::logTime));
    return out;
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
