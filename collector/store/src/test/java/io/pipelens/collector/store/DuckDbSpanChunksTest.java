package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.spanId;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans stored as per-trace chunks: the schema-1 conversion and the span log position. */
class DuckDbSpanChunksTest {
  @TempDir Path directory;

  /** The schema-1 DDL of the spans table (one row per span), as released. */
  private static final String V1_SPANS = """
      CREATE TABLE spans (
        trace_key BIGINT, trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR,
        trace_state VARCHAR, flags INTEGER, name VARCHAR, kind INTEGER,
        start_ns BIGINT, end_ns BIGINT, status_code INTEGER, status_message VARCHAR,
        service_name VARCHAR, language VARCHAR, resource_id BIGINT,
        scope_name VARCHAR, scope_version VARCHAR, attributes VARCHAR,
        events VARCHAR, links VARCHAR)""";

  @Test
  void aSchemaOneFileIsConvertedAtOpenWithEverySpanKept() throws Exception {
    List<SpanRecord> spans = new ArrayList<>();
    spans.add(TelemetryFixtures.richSpan(traceId(1), T0));
    for (int i = 0; i < 5; i++) {
      spans.add(span(traceId(2), i + 1, i == 0 ? "" : spanId(i), T0 + 1000 + i));
    }
    writeSchemaOneFile(spans);

    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      List<SpanRecord> rich = store.trace(traceId(1));
      assertThat(rich).hasSize(1);
      TelemetryStoreContract.assertSameValues(rich.get(0), spans.get(0));
      TelemetryStoreContract.assertSameValues(store.trace(traceId(2)), new ArrayList<>(spans.subList(1, 6)));
      assertThat(store.stats().spans()).isEqualTo(6);
      assertThat(store.services()).containsExactlyElementsOf(TraceSearch.services(spans));
      assertThat(store.operations(spans.get(1).serviceName()))
          .containsExactlyElementsOf(TraceSearch.operations(spans, spans.get(1).serviceName()));
      assertThat(store.findTraceIds(TraceQuery.all())).containsExactly(traceId(2), traceId(1));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file());
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT value FROM pipelens_meta WHERE key = 'schema_version'")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("2");
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT count(*) FROM information_schema.tables WHERE table_name = 'spans'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the old spans table is dropped").isZero();
      }
    }
  }

  private void writeSchemaOneFile(List<SpanRecord> spans) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file());
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE pipelens_meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
      st.execute("INSERT INTO pipelens_meta VALUES ('schema_version', '1')");
      st.execute(V1_SPANS);
      st.execute("CREATE TABLE resources (resource_id BIGINT, resource VARCHAR)");
      st.execute("CREATE TABLE trace_index (trace_key BIGINT, trace_id VARCHAR,"
          + " min_start_ns BIGINT, max_start_ns BIGINT)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO spans VALUES"
              + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement res = c.prepareStatement("INSERT INTO resources VALUES (?, ?)")) {
        for (SpanRecord s : spans) {
          String resource = AttributeJson.encodeMap(s.resource(), "resource");
          long id = ResourceIds.hash(resource);
          res.setLong(1, id);
          res.setString(2, resource);
          res.execute();
          Object[] row = {TraceKey.of(s.traceId()), s.traceId(), s.spanId(), s.parentSpanId(),
              s.traceState(), s.flags(), s.name(), s.kind(), s.startEpochNanos(),
              s.endEpochNanos(), s.statusCode(), s.statusMessage(), s.serviceName(), s.language(),
              id, s.scopeName(), s.scopeVersion(), AttributeJson.encodeMap(s.attributes(), "a"),
              SpanNestedJson.encodeEvents(s.events(), "e"),
              SpanNestedJson.encodeLinks(s.links(), "l")};
          for (int i = 0; i < row.length; i++) {
            ps.setObject(i + 1, row[i]);
          }
          ps.execute();
        }
      }
    }
  }

  @Test
  void theSpanLogPositionIsZeroAtFirstAndSurvivesARestart() throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      assertThat(store.loadedSpanLogPosition()).isZero();
      store.write(List.of(TelemetryBatch.ofSpans(List.of(span(traceId(1), 1, "", T0)), 10)), 512);
      assertThat(store.loadedSpanLogPosition()).isEqualTo(512);
    }
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      assertThat(store.loadedSpanLogPosition()).isEqualTo(512);
      assertThat(store.trace(traceId(1))).hasSize(1);
    }
  }

  @Test
  void aFailedWriteRecordsNeitherItsDataNorItsPosition() throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      store.write(List.of(TelemetryBatch.ofSpans(List.of(span(traceId(1), 1, "", T0)), 10)), 100);
      SpanRecord good = span(traceId(2), 1, "", T0);
      SpanRecord bad = TelemetryStoreContract.withAttributes(
          span(traceId(3), 1, "", T0), Map.of("when", Duration.ZERO));

      assertThatThrownBy(() -> store.write(List.of(TelemetryBatch.ofSpans(List.of(good), 1),
          TelemetryBatch.ofSpans(List.of(bad), 1)), 200))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("batch 1 span 0");

      assertThat(store.loadedSpanLogPosition()).isEqualTo(100);
      assertThat(store.trace(traceId(2))).isEmpty();
      assertThat(store.stats().spans()).isEqualTo(1);
      store.write(List.of(TelemetryBatch.ofSpans(List.of(good), 1)), 300);
      assertThat(store.loadedSpanLogPosition()).isEqualTo(300);
      assertThat(store.trace(traceId(2))).hasSize(1);
    }
  }

  @Test
  void aTraceWrittenOverSeveralCallsComesBackWholeInStartOrder() throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      for (int call = 0; call < 3; call++) {
        store.write(List.of(TelemetryBatch.ofSpans(List.of(
            span(traceId(1), 10 + call, "", T0 + 10 - call),
            span(traceId(9), 20 + call, "", T0 + call)), 10)));
      }
      assertThat(store.trace(traceId(1))).extracting(SpanRecord::startEpochNanos)
          .containsExactly(T0 + 8, T0 + 9, T0 + 10);
      assertThat(store.findTraces(TraceQuery.all())).extracting(t -> t.size())
          .containsExactly(3, 3);
      assertThat(store.stats().spans()).isEqualTo(6);
    }
  }

  @Test
  void chunksStayUncompressedAfterAFileRewriteAndCompaction() throws Exception {
    // FSST, DuckDB's default for blobs, decompresses 2,048 chunks to return one: 4-5x the lookup CPU
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      List<SpanRecord> spans = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        spans.add(span(traceId(i), i, "", T0 + i)); // enough similar blobs for DuckDB to pick FSST
      }
      store.write(List.of(TelemetryBatch.ofSpans(spans, 10)));
      store.rewriteFile();
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file())) {
      assertThat(spansCompression(c)).containsOnly("Uncompressed");
      new DuckDbRetention((org.duckdb.DuckDBConnection) c, () -> 0).compact();
      assertThat(spansCompression(c)).containsOnly("Uncompressed");
    }
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      assertThat(store.trace(traceId(1))).hasSize(1);
    }
  }

  @Test
  void traceLookupsGoThroughTheTraceKeyIndexesAlsoInOlderFilesAndAfterCompaction()
      throws Exception {
    String id = traceId(3);
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      List<SpanRecord> spans = new ArrayList<>();
      List<LogRecordData> logs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        spans.add(span(traceId(i), i, "", T0 + i));
        logs.add(TelemetryFixtures.log(traceId(i), spanId(i), T0 + i, "x"));
      }
      store.write(List.of(TelemetryBatch.ofSpans(spans, 10), TelemetryBatch.ofLogs(logs, 10)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file());
        Statement st = c.createStatement()) {
      assertThat(plan(c, DuckDbQueries.traceSql(id))).contains("Index Scan");
      assertThat(plan(c, DuckDbQueries.logsSql(id))).contains("Index Scan");
      new DuckDbRetention((org.duckdb.DuckDBConnection) c, () -> 0).compact();
      assertThat(plan(c, DuckDbQueries.traceSql(id))).contains("Index Scan");
      assertThat(plan(c, DuckDbQueries.logsSql(id))).contains("Index Scan");
      // a file written before the indexes existed
      st.execute("DROP INDEX span_chunks_trace_key");
      st.execute("DROP INDEX logs_trace_key");
      assertThat(plan(c, DuckDbQueries.traceSql(id))).doesNotContain("Index Scan");
    }
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      assertThat(store.trace(id)).hasSize(1);
      assertThat(store.logsOfTrace(id)).hasSize(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file())) {
      assertThat(plan(c, DuckDbQueries.traceSql(id))).contains("Index Scan");
      assertThat(plan(c, DuckDbQueries.logsSql(id))).contains("Index Scan");
    }
  }

  @Test
  void aTraceWrittenInSeveralCallsThroughTheSpanLogIsLoadedAsOneChunkOfItsBlocks()
      throws Exception {
    SpanLogSettings loadOnFlush =
        new SpanLogSettings(1_000_000, Duration.ofHours(1), 1_000_000, 1L << 30, 1 << 20);
    List<SpanRecord> written = new ArrayList<>();
    try (SpanLogStore store = SpanLogStore.open(directory.resolve("span-log"),
        DuckDbTelemetryStore.open(directory), loadOnFlush, SpanLogStore.Listener.NONE)) {
      for (int call = 0; call < 3; call++) {
        List<SpanRecord> spans = List.of(span(traceId(1), 10 + call, "", T0 + 10 - call),
            span(traceId(9), 20 + call, "", T0 + call));
        written.addAll(spans);
        store.write(List.of(TelemetryBatch.ofSpans(spans, 10)));
      }
      written.add(TelemetryFixtures.richSpan(traceId(1), T0 + 20));
      store.write(List.of(TelemetryBatch.ofSpans(List.of(written.get(6)), 10)));
      assertThat(store.tailSpans()).isEqualTo(7);
      store.flush(TimeUnit.SECONDS.toNanos(30));
      assertThat(store.tailSpans()).isZero();
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT trace_id, span_count, min_start_ns, max_start_ns"
            + " FROM span_chunks ORDER BY trace_id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getLong(3) + " " + rs.getLong(4));
      }
      assertThat(rows).containsExactlyInAnyOrder(
          traceId(1) + " 4 " + (T0 + 8) + " " + (T0 + 20),
          traceId(9) + " 3 " + T0 + " " + (T0 + 2));
    }
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      List<SpanRecord> one = store.trace(traceId(1));
      assertThat(one).extracting(SpanRecord::startEpochNanos)
          .containsExactly(T0 + 8, T0 + 9, T0 + 10, T0 + 20);
      TelemetryStoreContract.assertSameValues(one.get(3), written.get(6));
      assertThat(store.operations(written.get(6).serviceName())).extracting(Operation::name)
          .contains(written.get(6).name());
      assertThat(store.findTraces(TraceQuery.all())).extracting(List::size)
          .containsExactlyInAnyOrder(4, 3);
    }
  }

  @Test
  void tracesWhoseIdsShareTheKeyStaySeparate() throws Exception {
    // The key is the id's last 16 hex digits: these two ids have the same key.
    String a = "00000000000000aa" + "0123456789abcdef";
    String b = "00000000000000bb" + "0123456789abcdef";
    assertThat(TraceKey.of(a)).isEqualTo(TraceKey.of(b));
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      store.write(List.of(
          TelemetryBatch.ofSpans(List.of(span(a, 1, "", T0), span(b, 2, "", T0 + 1),
              span(b, 3, spanId(2), T0 + 2)), 10),
          TelemetryBatch.ofLogs(List.of(TelemetryFixtures.log(a, spanId(1), T0, "in a"),
              TelemetryFixtures.log(b, spanId(2), T0, "in b")), 10)));
      assertThat(store.trace(a)).extracting(SpanRecord::traceId).containsExactly(a);
      assertThat(store.trace(b)).extracting(SpanRecord::traceId).containsExactly(b, b);
      assertThat(store.logsOfTrace(a)).extracting(LogRecordData::traceId).containsExactly(a);
      assertThat(store.logsOfTrace(b)).extracting(LogRecordData::body).containsExactly("in b");
    }
  }

  /** The plan as run: DuckDB decides on an index scan at run time, EXPLAIN alone shows a scan. */
  private static String plan(Connection c, String sql) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN ANALYZE " + sql)) {
      while (rs.next()) {
        out.append(rs.getString(2)).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void chunksAreWrittenInSmallRowGroupsAlsoAfterAFileRewrite() throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      for (int call = 0; call < 20; call++) {
        List<SpanRecord> spans = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
          int n = call * 1_000 + i;
          spans.add(span(traceId(n), n, "", T0 + n));
        }
        store.write(List.of(TelemetryBatch.ofSpans(spans, 10)));
      }
      store.rewriteFile(); // the copy keeps the small groups too
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(DISTINCT row_group_id)"
            + " FROM pragma_storage_info('span_chunks')")) {
      rs.next();
      assertThat(rs.getInt(1)).as("row groups of 20,000 chunk rows")
          .isEqualTo((20_000 + DuckDbTelemetryStore.ROW_GROUP_SIZE - 1)
              / DuckDbTelemetryStore.ROW_GROUP_SIZE);
    }
  }

  private static List<String> spansCompression(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM"
            + " pragma_storage_info('span_chunks') WHERE column_name = 'spans'"
            + " AND segment_type = 'BLOB'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void searchesOverManyChunksAnswerAsTheReferenceSearch() throws Exception {
    // Traces spread over many write calls, with spans far apart in time, so the newest-first
    // slicing must rank a trace by a matching span in an older chunk than its newest span.
    java.util.Random random = new java.util.Random(7);
    String[] services = {"a", "b", "c"};
    String[] names = {"load", "fit", "score"};
    List<SpanRecord> all = new ArrayList<>();
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      for (int call = 0; call < 30; call++) {
        List<SpanRecord> spans = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          long trace = random.nextInt(200);
          long start = T0 + call * 1_000_000_000L + random.nextInt(100_000_000) * 100L;
          SpanRecord s = TraceSearchContract.searchable(trace, call * 100L + i,
              services[random.nextInt(3)], names[random.nextInt(3)], "java",
              random.nextInt(3), start, random.nextInt(50) * 1_000_000L, Map.of(), List.of());
          spans.add(s);
        }
        store.write(List.of(TelemetryBatch.ofSpans(spans, 10)));
        all.addAll(spans);
      }
      long mid = T0 + 15 * 1_000_000_000L;
      List<TraceQuery> queries = List.of(TraceQuery.all(), TraceQuery.all().withLimit(1),
          TraceQuery.all().withServiceName("b").withLimit(5),
          TraceQuery.all().withSpanName("fit").withStatusCode(2),
          TraceQuery.all().withServiceName("a").withDuration(40_000_000L, Long.MAX_VALUE),
          TraceQuery.all().withStartBetween(T0, mid).withLimit(7),
          TraceQuery.all().withServiceName("c").withStartBetween(mid, mid + 3_000_000_000L),
          TraceQuery.all().withLimit(TraceQuery.MAX_LIMIT));
      for (TraceQuery q : queries) {
        assertThat(store.findTraceIds(q)).as(q.toString())
            .isNotEmpty()
            .containsExactlyElementsOf(TraceSearch.findTraceIds(all, q));
      }
    }
  }

  private Path file() {
    return directory.resolve(DuckDbTelemetryStore.FILE_NAME);
  }
}
