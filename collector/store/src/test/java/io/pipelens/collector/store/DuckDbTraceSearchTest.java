package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DuckDB store's search answers after a restart: it reads the file, not a cache. */
class DuckDbTraceSearchTest {
  @TempDir Path directory;

  @Test
  void servicesOperationsAndSearchSurviveARestart() throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      store.write(List.of(TelemetryBatch.ofSpans(List.of(
          TraceSearchContract.simple(1, 1, "scorer", "predict", T0),
          TraceSearchContract.simple(2, 1, "trainer", "fit", T0 + 1)), 100)));
    }

    try (DuckDbTelemetryStore reopened = DuckDbTelemetryStore.open(directory)) {
      assertThat(reopened.services()).containsExactly("scorer", "trainer");
      assertThat(reopened.operations("trainer")).containsExactly(new Operation("fit", 2));
      assertThat(reopened.findTraceIds(TraceQuery.all().withServiceName("scorer")))
          .containsExactly(traceId(1));
    }
  }

  @Test
  void aFileWithTheOldLogTraceIndexOpensWithoutItAndFindsItsLogs() throws Exception {
    LogRecordData log = TelemetryFixtures.log(traceId(3), "", T0 + 7_200_000_000_000L, "old file");
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      store.write(List.of(new TelemetryBatch(
          List.of(TraceSearchContract.simple(3, 1, "s", "a", T0)), List.of(log), List.of(), 10)));
    }
    // as written before the trace_key indexes: a trace_index table and its backfill marker
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + directory.resolve(
        DuckDbTelemetryStore.FILE_NAME)); Statement st = c.createStatement()) {
      st.execute("DROP INDEX logs_trace_key");
      st.execute("CREATE TABLE trace_index (trace_key BIGINT, trace_id VARCHAR,"
          + " min_start_ns BIGINT, max_start_ns BIGINT)");
      st.execute("INSERT INTO trace_index VALUES (" + TraceKey.of(traceId(3)) + ", '" + traceId(3)
          + "', " + T0 + ", " + T0 + ")");
      st.execute("INSERT INTO pipelens_meta VALUES ('trace_index_logs', 'done')");
    }

    try (DuckDbTelemetryStore reopened = DuckDbTelemetryStore.open(directory)) {
      assertThat(reopened.logsOfTrace(traceId(3))).containsExactly(log);
      assertThat(reopened.trace(traceId(3))).hasSize(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + directory.resolve(
        DuckDbTelemetryStore.FILE_NAME)); Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM duckdb_tables()"
            + " WHERE table_name = 'trace_index'), (SELECT count(*) FROM pipelens_meta"
            + " WHERE key = 'trace_index_logs')")) {
      rs.next();
      assertThat(rs.getInt(1)).as("trace_index tables").isZero();
      assertThat(rs.getInt(2)).as("backfill markers").isZero();
    }
  }
}
