package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several traces at once, for search results: one {@code span_chunks} query for all their chunks
 * instead of one per trace.
 */
final class DuckDbTraceFetch {
  private DuckDbTraceFetch() {}

  /** The spans of each id (start order), in the order of {@code ids}; unknown ids left out. */
  static List<List<SpanRecord>> traces(Connection conn, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, List<SpanRecord>> spans = new HashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT trace_id, spans FROM " + SpanChunks.TABLE
            + " WHERE trace_key IN (" + keys(ids) + ") AND trace_id IN (" + literals(ids) + ")")) {
      while (rs.next()) {
        spans.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .addAll(SpanBlockCodec.decode(rs.getBytes(2)));
      }
    }
    List<List<SpanRecord>> out = new ArrayList<>();
    for (String id : ids) {
      List<SpanRecord> t = spans.remove(id); // remove: an id given twice comes once
      if (t != null) {
        t.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
        out.add(t);
      }
    }
    return out;
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
