package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Age and size retention for {@link DuckDbTelemetryStore}, run on its writer connection under its
 * write lock. Deleted rows only become free space at a {@code CHECKPOINT} (DuckDB's {@code VACUUM}
 * does not reclaim space), so every pass checkpoints. A checkpoint frees whole row groups (~122,880
 * rows) only; when that is not enough, the size pass rewrites the tables with their live rows.
 * Size is judged by the live bytes DuckDB reports (used blocks plus the WAL): freed blocks are
 * reused by later writes, and DuckDB truncates the file when its tail is free.
 */
final class DuckDbRetention {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbRetention.class);
  private static final int MAX_SIZE_PASSES = 4;
  /** Delete down to this share of maxBytes, so the next writes do not trip the limit at once. */
  private static final double SIZE_TARGET = 0.8;

  private final DuckDBConnection conn;
  private final LongSupplier walBytes;

  DuckDbRetention(DuckDBConnection conn, LongSupplier walBytes) {
    this.conn = conn;
    this.walBytes = walBytes;
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
    long live = liveBytes();
    // Live bytes count data blocks only; a rewritten file adds DuckDB's metadata on top, so act
    // from 95% of the limit up.
    long trigger = (long) (maxBytes * 0.95);
    for (int pass = 0; pass < MAX_SIZE_PASSES && live > trigger; pass++) {
      double share = Math.min(1.0, (live - SIZE_TARGET * maxBytes) / live);
      Long cutoff = oldestShareCutoff(share);
      if (cutoff == null) {
        break;
      }
      long n = deleteOlderThan(cutoff);
      checkpoint();
      deleted += n;
      long after = liveBytes();
      if (after > trigger && n > 0) {
        // Space is freed per row group (~122,880 rows); rewrite the tables so partly deleted
        // row groups shrink too.
        compact();
        after = liveBytes();
      }
      LOG.debug("size retention pass {}: deleted {} items, live bytes {} -> {}", pass, n, live, after);
      if (n == 0 || after >= live) {
        // What is left does not shrink by deleting rows (DuckDB's fixed overhead, or rows that
        // share one timestamp): stop rather than delete everything.
        LOG.warn(
            "store still uses {} bytes, above its {} byte limit, after deleting {} items",
            after, maxBytes, deleted);
        break;
      }
      live = after;
    }
    return deleted;
  }

  /** Bytes in use by data: used blocks times block size, plus the un-checkpointed WAL. */
  long liveBytes() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT block_size * used_blocks FROM pragma_database_size()"
                    + " WHERE database_name = current_database()")) {
      long used = rs.next() ? rs.getLong(1) : 0;
      return used + walBytes.getAsLong();
    }
  }

  private Long oldestShareCutoff(double share) throws SQLException {
    String sql =
        "SELECT quantile_disc(t, "
            + share
            + ") FROM (SELECT max_start_ns AS t FROM span_chunks UNION ALL SELECT "
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
        long n = 0;
        // A chunk goes when its newest span is older than the cutoff: all its spans are.
        try (ResultSet rs = st.executeQuery("SELECT sum(span_count) FROM span_chunks"
            + " WHERE max_start_ns < " + cutoff)) {
          rs.next();
          n += rs.getLong(1);
        }
        st.executeUpdate("DELETE FROM span_chunks WHERE max_start_ns < " + cutoff);
        n += st.executeUpdate("DELETE FROM logs WHERE " + DuckDbSchema.LOG_TIME + " < " + cutoff);
        n += st.executeUpdate("DELETE FROM metric_points WHERE time_ns < " + cutoff);
        st.executeUpdate(
            "DELETE FROM resources WHERE resource_id NOT IN (SELECT resource_id FROM logs"
                + " WHERE resource_id IS NOT NULL UNION SELECT resource_id FROM metric_points"
                + " WHERE resource_id IS NOT NULL)");
        st.execute("COMMIT");
        return n;
      } catch (SQLException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    }
  }

  /** Rewrites every table with only its live rows, in insertion order, in one transaction. */
  void compact() throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        for (String table : DuckDbSchema.DATA_TABLES) {
          if (table.equals(SpanChunks.TABLE)) {
            // CREATE TABLE AS would drop the column's compression setting
            st.execute("CREATE TABLE " + table + "__compact " + DuckDbSchema.SPAN_CHUNKS_COLUMNS);
            st.execute("INSERT INTO " + table + "__compact SELECT * FROM " + table + " ORDER BY rowid");
          } else {
            st.execute("CREATE TABLE " + table + "__compact AS SELECT * FROM " + table + " ORDER BY rowid");
          }
          st.execute("DROP TABLE " + table);
          st.execute("ALTER TABLE " + table + "__compact RENAME TO " + table);
        }
        for (String index : DuckDbSchema.INDEXES) {
          st.execute(index); // dropped with the old tables
        }
        st.execute("COMMIT");
      } catch (SQLException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    }
    checkpoint();
  }

  private void checkpoint() throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("FORCE CHECKPOINT");
    }
  }
}
