package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@link TraceQuery} searches and the service / operation lists of {@link DuckDbTelemetryStore},
 * each on a connection the caller owns.
 *
 * <p>Plan: SQL pre-filters {@code span_chunks} on its summary columns (a chunk whose spans all
 * started outside the query's time range, or whose one service is another, is never read), then
 * every span of the remaining chunks is decoded and tested with {@link TraceQuery#matches} — the
 * reference semantics, not a re-implementation. The scan walks back from the newest chunks in time
 * slices of {@code max_start_ns} that double in width (1/256 of the range first): chunks arrive
 * roughly in time order, so zone maps skip the row groups outside a slice. After a slice whose
 * lower end is L, no unread chunk holds a span starting at or after L, so every trace whose latest
 * matching span starts at or after L has its final rank; the scan stops when {@code limit} of them
 * are known.
 */
final class DuckDbTraceSearch {
  private static final int FIRST_SLICE_FRACTION = 256;

  private DuckDbTraceSearch() {}

  static List<String> findTraceIds(Connection conn, TraceQuery q) throws SQLException {
    long lo;
    long hi;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT min(max_start_ns), max(max_start_ns) FROM " + SpanChunks.TABLE)) {
      rs.next();
      lo = rs.getLong(1);
      if (rs.wasNull()) {
        return List.of();
      }
      hi = rs.getLong(2);
    }
    // A chunk may hold matching spans when its last start is at or after the query's start.
    lo = Math.max(lo, q.startFromNanos());
    if (lo > hi) {
      return List.of();
    }
    Map<String, Long> latest = new HashMap<>();
    long width = Math.max(1, span(lo, hi) / FIRST_SLICE_FRACTION);
    long sliceHi = hi;
    while (true) {
      long sliceLo = span(lo, sliceHi) < width ? lo : sliceHi - width + 1;
      slice(conn, sliceLo, sliceHi, q, latest);
      if (sliceLo == lo || countFinal(latest, sliceLo) >= q.limit()) {
        break;
      }
      sliceHi = sliceLo - 1;
      width = width > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : width * 2;
    }
    List<Map.Entry<String, Long>> found = new ArrayList<>(latest.entrySet());
    found.sort(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < found.size() && i < q.limit(); i++) {
      ids.add(found.get(i).getKey());
    }
    return ids;
  }

  private static int countFinal(Map<String, Long> latest, long from) {
    int n = 0;
    for (long t : latest.values()) {
      if (t >= from) {
        n++;
      }
    }
    return n;
  }

  /** Decodes the slice's candidate chunks; records each trace's latest matching span start. */
  private static void slice(Connection conn, long lo, long hi, TraceQuery q,
      Map<String, Long> latest) throws SQLException {
    String sql = "SELECT trace_id, spans FROM " + SpanChunks.TABLE + " WHERE max_start_ns BETWEEN "
        + lo + " AND " + hi + " AND min_start_ns <= " + q.startToNanos()
        + (q.serviceName() != null ? " AND (service_name = ? OR service_name IS NULL)" : "");
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      if (q.serviceName() != null) {
        ps.setString(1, q.serviceName());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (SpanRecord s : SpanBlockCodec.decodeAll(rs.getBytes(2))) {
            if (q.matches(s)) {
              latest.merge(s.traceId(), s.startEpochNanos(), Math::max);
            }
          }
        }
      }
    }
  }

  private static long span(long lo, long hi) {
    long d = hi - lo;
    return d < 0 ? Long.MAX_VALUE : d; // overflow: wider than any slice
  }

  static List<String> services(Connection conn) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT DISTINCT service_name FROM "
            + SpanOperations.TABLE + " WHERE service_name <> ''")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return List.copyOf(out);
  }

  static List<Operation> operations(Connection conn, String service) throws SQLException {
    TreeSet<Operation> out = new TreeSet<>(
        Comparator.comparing(Operation::name).thenComparingInt(Operation::kind));
    try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT name, kind FROM "
        + SpanOperations.TABLE + " WHERE service_name = ? AND name IS NOT NULL")) {
      ps.setString(1, service);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Operation(rs.getString(1), rs.getInt(2)));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Decodes every chunk that may hold spans of {@code service}: a scan of all spans of the service
   * (seconds at millions of spans), as the per-span JSON scan was before chunks.
   */
  static List<String> attributeValues(Connection conn, String service, String key)
      throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT spans FROM " + SpanChunks.TABLE
        + " WHERE service_name = ? OR service_name IS NULL")) {
      ps.setString(1, service);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.addAll(TraceSearch.attributeValues(
              SpanBlockCodec.decodeAll(rs.getBytes(1)), service, key));
        }
      }
    }
    return List.copyOf(out);
  }
}
