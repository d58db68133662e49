package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded resources by id for readers. An id is a hash of the resource's content, so an entry can
 * never go stale; the shared maps are unmodifiable. Resolving in Java keeps the span queries free
 * of a join, so DuckDB prunes their row groups by zone maps alone. Thread-safe.
 */
final class ResourceCache {
  private static final int MAX_ENTRIES = 10_000;
  private final Map<Long, Map<String, Object>> byId = new ConcurrentHashMap<>();

  /** Reads resource ids from a column; null when the row has no resource. */
  interface Lookup {
    Map<String, Object> resource(ResultSet rs, int column) throws SQLException;
  }

  Lookup on(Connection conn) {
    return (rs, column) -> {
      long id = rs.getLong(column);
      return rs.wasNull() ? null : get(conn, id);
    };
  }

  private Map<String, Object> get(Connection conn, long id) throws SQLException {
    Map<String, Object> cached = byId.get(id);
    if (cached != null) {
      return cached;
    }
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT resource FROM resources WHERE resource_id = ? LIMIT 1")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("resource " + id + " is referenced but missing");
        }
        Map<String, Object> decoded = AttributeJson.decodeMap(rs.getString(1));
        Map<String, Object> shared = decoded == null ? null : Collections.unmodifiableMap(decoded);
        if (shared != null) {
          if (byId.size() >= MAX_ENTRIES) {
            byId.clear();
          }
          byId.put(id, shared);
        }
        return shared;
      }
    }
  }
}
