package io.pipelens.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a schema-1 file (one {@code spans} row per span) to schema 2 at open: the spans are read
 * in insertion order through the old row reader, written as {@code span_chunks} (one chunk per
 * trace per {@value #ROWS_PER_CHUNK_GROUP} rows) and {@code span_operations}, then the old table
 * is dropped and the version set — all in one transaction, so a crash leaves the file as it was.
 */
final class DuckDbMigration {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbMigration.class);
  static final int ROWS_PER_CHUNK_GROUP = 50_000;

  private DuckDbMigration() {}

  static void v1ToV2(DuckDBConnection conn) throws SQLException {
    long started = System.nanoTime();
    long spans = 0;
    try (Statement st = conn.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        SpanOperations operations = new SpanOperations();
        SpanOperations.Call ops = operations.newCall();
        ResourceCache.Lookup resources = new ResourceCache().on(conn);
        List<SpanRecord> rows = new ArrayList<>();
        try (DuckDBAppender chunks = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                SpanChunks.TABLE);
            Statement read = conn.createStatement();
            ResultSet rs = read.executeQuery(SpanRows.SELECT + " ORDER BY rowid")) {
          while (rs.next()) {
            rows.add(SpanRows.read(rs, resources));
            if (rows.size() == ROWS_PER_CHUNK_GROUP) {
              spans += appendChunks(rows, chunks, ops);
            }
          }
          spans += appendChunks(rows, chunks, ops);
          chunks.flush();
        }
        try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
            SpanOperations.TABLE)) {
          ops.appendNew(a);
          a.flush();
        }
        st.execute("DROP TABLE spans");
        st.execute("UPDATE pipelens_meta SET value = '2' WHERE key = 'schema_version'");
        st.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    }
    LOG.info("converted {} spans to span chunks (schema 1 -> 2) in {} ms", spans,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static int appendChunks(List<SpanRecord> rows, DuckDBAppender a,
      SpanOperations.Call ops) throws SQLException {
    SpanChunks chunks = new SpanChunks();
    for (int i = 0; i < rows.size(); i++) {
      chunks.add(rows.get(i), 0, i);
    }
    if (!chunks.isEmpty()) {
      chunks.appendTo(a, ops);
    }
    int n = rows.size();
    rows.clear();
    return n;
  }
}
