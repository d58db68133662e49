package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Once per store file: adds the time ranges of logs written before {@code trace_index} covered
 * logs (see {@link TraceIndexRows}), so {@code logsOfTrace} finds them through the index too.
 * Recorded in {@code pipelens_meta} as {@code trace_index_logs}; one transaction, so a crash leaves
 * either nothing or everything done.
 */
final class LogIndexBackfill {
  static final String KEY = "trace_index_logs";

  private LogIndexBackfill() {}

  static void run(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT 1 FROM pipelens_meta WHERE key = '" + KEY + "'")) {
      if (rs.next()) {
        return;
      }
    }
    st.execute("BEGIN TRANSACTION");
    try {
      st.execute("INSERT INTO trace_index SELECT trace_key, trace_id, min(" + DuckDbSchema.LOG_TIME
          + "), max(" + DuckDbSchema.LOG_TIME + ") FROM logs WHERE trace_id IS NOT NULL"
          + " AND trace_id <> '' GROUP BY trace_key, trace_id");
      st.execute("INSERT INTO pipelens_meta VALUES ('" + KEY + "', '1')");
      st.execute("COMMIT");
    } catch (SQLException e) {
      st.execute("ROLLBACK");
      throw e;
    }
  }
}
