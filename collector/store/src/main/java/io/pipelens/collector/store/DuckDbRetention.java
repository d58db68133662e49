package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;
import org.duckdb.DuckDBConnection;

/**
 * Age and size retention for {@link DuckDbTelemetryStore}, run on its writer connection under its
 * write lock. Deleted rows only become free space at a {@code CHECKPOINT} (DuckDB's {@code VACUUM}
 * does not reclaim space), so every pass checkpoints. Size is judged by the live bytes DuckDB
 * reports (used blocks plus the WAL): freed blocks are reused by later writes, and the file is
 * truncated when its tail is free, so the file stays near the limit instead of growing.
 */
final class DuckDbRetention {
  private static final int MAX_SIZE_PASSES = 8;
  /** Delete down to this share of maxBytes, so the next writes do not trip the limit at once. */
  private static final double SIZE_TARGET = 0.8;

  private final DuckDBConnection conn;
  private final LongSupplier walAndFileBytes;

  DuckDbRetention(DuckDBConnection conn, LongSupplier walAndFileBytes) {
    this.conn = conn;
    this.walAndFileBytes = walAndFileBytes;
  }

  long apply(long olderThanEpochNanos, long maxBytes) throws SQLException {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0 (0 = no limit), got " + maxBytes);
    }
    long deleted = deleteOlderThan(olderThanEpochNanos);
    checkpoint();
    if (maxBytes == 0) {
      return deleted;
    }
    for (int pass = 0; pass < MAX_SIZE_PASSES; pass++) {
      long live = liveBytes();
      if (live <= maxBytes) {
        break;
      }
      double share = Math.min(1.0, 1.0 - SIZE_TARGET * maxBytes / live);
      Long cutoff = oldestShareCutoff(share);
      if (cutoff == null) {
        break;
      }
      long n = deleteOlderThan(cutoff);
      checkpoint();
      deleted += n;
      if (n == 0) {
        // Everything left shares the newest timestamps; delete it all rather than overflow.
        deleted += deleteOlderThan(Long.MAX_VALUE);
        checkpoint();
        break;
      }
    }
    return deleted;
  }

  /** Bytes in use by data: used blocks times block size, plus the un-checkpointed WAL. */
  long liveBytes() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT block_size, used_blocks, total_blocks FROM pragma_database_size()"
                    + " WHERE database_name = current_database()")) {
      if (!rs.next()) {
        return walAndFileBytes.getAsLong();
      }
      long used = rs.getLong(1) * rs.getLong(2);
      long total = rs.getLong(1) * rs.getLong(3);
      long wal = Math.max(0, walAndFileBytes.getAsLong() - total);
      return used + wal;
    }
  }

  private Long oldestShareCutoff(double share) throws SQLException {
    String sql =
        "SELECT quantile_disc(t, "
            + share
            + ") FROM (SELECT start_ns AS t FROM spans UNION ALL SELECT "
            + DuckDbSchema.LOG_TIME
            + " FROM logs UNION ALL SELECT time_ns FROM metric_points)";
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      long t = rs.getLong(1);
      return rs.wasNull() ? null : t + 1;
    }
  }

  private long deleteOlderThan(long cutoff) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        long n = st.executeUpdate("DELETE FROM spans WHERE start_ns < " + cutoff);
        st.executeUpdate("DELETE FROM trace_index WHERE max_start_ns < " + cutoff);
        n += st.executeUpdate("DELETE FROM logs WHERE " + DuckDbSchema.LOG_TIME + " < " + cutoff);
        n += st.executeUpdate("DELETE FROM metric_points WHERE time_ns < " + cutoff);
        st.execute("COMMIT");
        return n;
      } catch (SQLException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    }
  }

  private void checkpoint() throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("FORCE CHECKPOINT");
    }
  }
}
