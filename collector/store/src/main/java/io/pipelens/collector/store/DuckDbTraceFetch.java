package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several traces at once, for search results: one {@code trace_index} query for all their time
 * ranges, then one span scan per cluster of nearby ranges (ranges closer than {@link #GAP_NANOS}
 * are merged), instead of two queries per trace. Search results are usually close in time, so a
 * page of 20 traces is two or three queries.
 */
final class DuckDbTraceFetch {
  static final long GAP_NANOS = 10_000_000_000L;

  private DuckDbTraceFetch() {}

  /** The spans of each id (start order), in the order of {@code ids}; unknown ids left out. */
  static List<List<SpanRecord>> traces(Connection conn, ResourceCache.Lookup resources,
      List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, long[]> ranges = new HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT trace_id, min(min_start_ns), max(max_start_ns)"
            + " FROM trace_index WHERE trace_key IN (" + keys(ids) + ") AND trace_id IN ("
            + literals(ids) + ") GROUP BY trace_id")) {
      while (rs.next()) {
        ranges.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
      }
    }
    List<String> known = new ArrayList<>(ranges.keySet());
    known.sort(Comparator.comparingLong(id -> ranges.get(id)[0]));
    Map<String, List<SpanRecord>> spans = new HashMap<>();
    int from = 0;
    while (from < known.size()) {
      long lo = ranges.get(known.get(from))[0];
      long hi = ranges.get(known.get(from))[1];
      int to = from + 1;
      while (to < known.size() && ranges.get(known.get(to))[0] - hi <= GAP_NANOS) {
        hi = Math.max(hi, ranges.get(known.get(to))[1]);
        to++;
      }
      List<String> cluster = known.subList(from, to);
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery(SpanRows.SELECT + " WHERE start_ns BETWEEN " + lo + " AND "
              + hi + " AND trace_key IN (" + keys(cluster) + ") AND trace_id IN ("
              + literals(cluster) + ")")) {
        while (rs.next()) {
          SpanRecord s = SpanRows.read(rs, resources);
          spans.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
        }
      }
      from = to;
    }
    Map<String, List<SpanRecord>> ordered = new LinkedHashMap<>();
    for (String id : ids) {
      List<SpanRecord> t = spans.get(id);
      if (t != null) {
        t.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
        ordered.put(id, t);
      }
    }
    return new ArrayList<>(ordered.values());
  }

  private static String keys(List<String> ids) {
    StringBuilder sb = new StringBuilder();
    for (String id : ids) {
      sb.append(sb.length() == 0 ? "" : ",").append(TraceKey.of(id));
    }
    return sb.toString();
  }

  private static String literals(List<String> ids) {
    StringBuilder sb = new StringBuilder();
    for (String id : ids) {
      sb.append(sb.length() == 0 ? "" : ",").append(DuckDbTraceSearch.literal(id));
    }
    return sb.toString();
  }
}
