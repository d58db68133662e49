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
  void logsWrittenBeforeTheLogIndexAreIndexedAtOpen() throws Exception {
    LogRecordData log = TelemetryFixtures.log(traceId(3), "", T0 + 7_200_000_000_000L, "old file");
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      store.write(List.of(new TelemetryBatch(
          List.of(TraceSearchContract.simple(3, 1, "s", "a", T0)), List.of(log), List.of(), 10)));
    }
    // a file from before the log index: no log ranges, no marker
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + directory.resolve(
        DuckDbTelemetryStore.FILE_NAME)); Statement st = c.createStatement()) {
      st.execute("DELETE FROM trace_index");
      st.execute("INSERT INTO trace_index VALUES (" + TraceKey.of(traceId(3)) + ", '" + traceId(3)
          + "', " + T0 + ", " + T0 + ")");
      st.execute("DELETE FROM pipelens_meta WHERE key = 'trace_index_logs'");
    }

    try (DuckDbTelemetryStore reopened = DuckDbTelemetryStore.open(directory)) {
      assertThat(reopened.logsOfTrace(traceId(3))).containsExactly(log);
      assertThat(reopened.trace(traceId(3))).hasSize(1);
    }
  }
}
