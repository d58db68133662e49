package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * {@link TraceQuery} searches and the service / operation lists of {@link DuckDbTelemetryStore},
 * each on a connection the caller owns.
 *
 * <p>Plan: the store's time bounds come from the small {@code trace_index} table; the span scan then
 * walks back from the newest data in time slices that double in width (1/256 of the range first),
 * stopping as soon as {@code limit} traces were found. Spans arrive roughly in time order, so the
 * {@code start_ns} constant in each slice lets DuckDB skip every row group outside it (zone maps):
 * "the latest 20 traces of service X" reads the newest row groups, not the table. Filters on
 * service, name, status and duration are plain column comparisons; attribute filters decode the
 * attribute JSON only of rows that passed those.
 */
final class DuckDbTraceSearch {
  private static final int FIRST_SLICE_FRACTION = 256;

  private DuckDbTraceSearch() {}

  static List<String> findTraceIds(Connection conn, TraceQuery q) throws SQLException {
    long lo;
    long hi;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT min(min_start_ns), max(max_start_ns) FROM trace_index")) {
      rs.next();
      lo = rs.getLong(1);
      if (rs.wasNull()) {
        return List.of();
      }
      hi = rs.getLong(2);
    }
    lo = Math.max(lo, q.startFromNanos());
    hi = Math.min(hi, q.startToNanos());
    if (lo > hi) {
      return List.of();
    }
    String filters = filters(q);
    LinkedHashSet<String> found = new LinkedHashSet<>();
    long width = Math.max(1, span(lo, hi) / FIRST_SLICE_FRACTION);
    long sliceHi = hi;
    while (true) {
      long sliceLo = span(lo, sliceHi) < width ? lo : sliceHi - width + 1;
      // Ids found in newer slices may come again (at most found.size() of them), so asking for
      // q.limit() rows yields every missing id this slice has, up to the limit.
      slice(conn, sliceLo, sliceHi, filters, q, q.limit(), found);
      if (found.size() >= q.limit() || sliceLo == lo) {
        break;
      }
      sliceHi = sliceLo - 1;
      width = width > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : width * 2;
    }
    List<String> out = new ArrayList<>(found);
    return out.size() > q.limit() ? out.subList(0, q.limit()) : out;
  }

  private static void slice(Connection conn, long lo, long hi, String filters, TraceQuery q,
      int limit, LinkedHashSet<String> found) throws SQLException {
    String sql = "SELECT trace_id, max(start_ns) AS latest FROM spans WHERE start_ns BETWEEN "
        + lo + " AND " + hi + filters
        + " GROUP BY trace_id ORDER BY latest DESC, trace_id LIMIT " + limit;
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int i = 1;
      for (String s : new String[] {q.serviceName(), q.spanName(), q.language()}) {
        if (s != null) {
          ps.setString(i++, s);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
  }

  /** {@code AND ...} conditions; string equality as parameters in the order service, name, language. */
  private static String filters(TraceQuery q) {
    StringBuilder sql = new StringBuilder();
    if (q.serviceName() != null) {
      sql.append(" AND service_name = ?");
    }
    if (q.spanName() != null) {
      sql.append(" AND name = ?");
    }
    if (q.language() != null) {
      sql.append(" AND language = ?");
    }
    if (q.statusCode() != null) {
      sql.append(" AND status_code = ").append(q.statusCode().intValue());
    }
    if (q.minDurationNanos() > 0) {
      sql.append(" AND end_ns - start_ns >= ").append(q.minDurationNanos());
    }
    if (q.maxDurationNanos() != Long.MAX_VALUE) {
      sql.append(" AND end_ns - start_ns <= ").append(q.maxDurationNanos());
    }
    for (AttributeFilter f : q.attributes()) {
      sql.append(" AND ").append(attributeCondition(f));
    }
    return sql.toString();
  }

  /** SQL for one {@link AttributeFilter}, the same semantics as {@link AttributeFilter#matches}. */
  static String attributeCondition(AttributeFilter f) {
    String path = jsonPath(f.key());
    if (f.value() == null) {
      return "(coalesce(json_exists(attributes, " + path + "), false)"
          + " OR coalesce(list_contains(json_extract_string(events, '$[*].name'), "
          + literal(f.key()) + "), false))";
    }
    String text = "json_extract_string(attributes, " + path + ")";
    Long whole = f.wholeNumber();
    Double number = f.number();
    String asDouble = number == null ? "false"
        : "TRY_CAST(" + text + " AS DOUBLE) = CAST('" + number + "' AS DOUBLE)";
    String integer = whole != null ? "TRY_CAST(" + text + " AS BIGINT) = " + whole : asDouble;
    return "coalesce(CASE json_type(attributes, " + path + ")"
        + " WHEN 'VARCHAR' THEN " + text + " = " + literal(f.value())
        + " WHEN 'BOOLEAN' THEN " + text + " = " + literal(f.value())
        + " WHEN 'BIGINT' THEN " + integer
        + " WHEN 'UBIGINT' THEN " + integer
        + " WHEN 'DOUBLE' THEN " + asDouble
        + " ELSE false END, false)";
  }

  /**
   * The JSON path of one top-level key. DuckDB reads a path not starting with {@code $} or {@code
   * /} as a plain key, so any such key works as is; others are quoted ({@code $."$b"}).
   */
  private static String jsonPath(String key) {
    if (!key.startsWith("$") && !key.startsWith("/")) {
      return literal(key);
    }
    if (key.contains("\"")) {
      throw new IllegalArgumentException(
          "attribute key '" + key + "': a key starting with $ or / must not contain '\"'");
    }
    return literal("$.\"" + key + "\"");
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static long span(long lo, long hi) {
    long d = hi - lo;
    return d < 0 ? Long.MAX_VALUE : d; // overflow: wider than any slice
  }

  static List<String> services(Connection conn) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT DISTINCT service_name FROM spans WHERE service_name <> ''")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return List.copyOf(out);
  }

  static List<Operation> operations(Connection conn, String service) throws SQLException {
    TreeSet<Operation> out = new TreeSet<>(
        Comparator.comparing(Operation::name).thenComparingInt(Operation::kind));
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT DISTINCT name, kind FROM spans WHERE service_name = ? AND name IS NOT NULL")) {
      ps.setString(1, service);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Operation(rs.getString(1), rs.getInt(2)));
        }
      }
    }
    return List.copyOf(out);
  }

  static List<String> attributeValues(Connection conn, String service, String key)
      throws SQLException {
    String path = jsonPath(key);
    TreeSet<String> out = new TreeSet<>();
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT DISTINCT json_extract_string(attributes, " + path + ") FROM spans"
            + " WHERE service_name = ? AND json_type(attributes, " + path + ") = 'VARCHAR'")) {
      ps.setString(1, service);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String v = rs.getString(1);
          if (v != null && !v.isEmpty()) {
            out.add(v);
          }
        }
      }
    }
    return List.copyOf(out);
  }
}
