package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDbTelemetryStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore openStore(Path directory) throws StoreException {
    return DuckDbTelemetryStore.open(directory.resolve("data"));
  }

  private DuckDbTelemetryStore duck() {
    return (DuckDbTelemetryStore) store;
  }

  @Test
  void dataSurvivesCloseAndReopen() throws Exception {
    SpanRecord rich = TelemetryFixtures.richSpan(traceId(1), T0);
    write(
        new TelemetryBatch(
            List.of(rich),
            List.of(TelemetryFixtures.log(traceId(1), rich.spanId(), T0, "hello")),
            TelemetryFixtures.everyMetricType(T0),
            100));
    store.close();

    store = openStore(directory);

    List<SpanRecord> trace = store.trace(traceId(1));
    assertThat(trace).hasSize(1);
    assertSameValues(trace.get(0), rich);
    assertThat(store.logsOfTrace(traceId(1))).hasSize(1);
    assertThat(store.stats().metricPoints()).isEqualTo(5);
    assertThat(store.stats().diskBytes()).isPositive();
  }

  @Test
  void sizeRetentionBringsTheFileUnderMaxBytesKeepingTheNewestData() throws Exception {
    int total = 70_000;
    for (int c = 0; c < total / 10_000; c++) {
      List<SpanRecord> spans = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        long n = c * 10_000L + i;
        spans.add(span(traceId(n / 10), n, "", T0 + n * 1000));
      }
      write(TelemetryBatch.ofSpans(spans, 1));
    }
    long before = duck().diskBytes();
    long maxBytes = 3 << 20;
    assertThat(before).isGreaterThan(2 * maxBytes);

    long deleted = store.applyRetention(0, maxBytes);

    assertThat(duck().diskBytes()).isLessThanOrEqualTo(maxBytes);
    assertThat(deleted).isPositive().isLessThan(total);
    assertThat(store.stats().spans()).isEqualTo(total - deleted);
    assertThat(store.trace(traceId((total - 1) / 10))).hasSize(10);
    assertThat(store.trace(traceId(0))).isEmpty();
    // Still a working store after its file was rewritten.
    write(TelemetryBatch.ofSpans(List.of(span(traceId(0), 1, "", T0 + total * 1000L)), 1));
    assertThat(store.trace(traceId(0))).hasSize(1);
    store.close();
    store = openStore(directory);
    assertThat(store.stats().spans()).isEqualTo(total - deleted + 1);
  }

  @Test
  void spanChunksSummariseEachTracePerWriteForSql() throws Exception {
    SpanRecord rich = TelemetryFixtures.richSpan(traceId(1), T0);
    write(TelemetryBatch.ofSpans(List.of(rich, span(traceId(2), 1, "", T0 + 5),
        span(traceId(2), 2, "", T0 + 9)), 10));
    store.close();
    Path file = directory.resolve("data").resolve(DuckDbTelemetryStore.FILE_NAME);
    try (var conn = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement st = conn.createStatement();
        var rs = st.executeQuery("SELECT trace_id, span_count, min_start_ns, max_start_ns,"
            + " service_name, spans FROM span_chunks ORDER BY span_count")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(traceId(1));
      assertThat(rs.getInt(2)).isEqualTo(1);
      assertThat(rs.getString(5)).isEqualTo(rich.serviceName());
      List<SpanRecord> decoded = SpanBlockCodec.decode(rs.getBytes(6));
      assertThat(decoded).hasSize(1);
      assertSameValues(decoded.get(0), rich);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(2)).isEqualTo(2);
      assertThat(List.of(rs.getLong(3), rs.getLong(4))).containsExactly(T0 + 5, T0 + 9);
      assertThat(rs.next()).isFalse();
    }
    store = openStore(directory);
  }

  @Test
  void readersRunConcurrentlyWithWritesAndRetention() throws Exception {
    write(TelemetryBatch.ofSpans(List.of(span(traceId(0), 0, "", T0 + 1_000_000)), 1));
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (!done.get()) {
                    assertThat(store.trace(traceId(0))).hasSize(1);
                    store.stats();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      t.start();
      readers.add(t);
    }
    for (int c = 1; c <= 10; c++) {
      List<SpanRecord> spans = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        spans.add(span(traceId(c), c * 1000L + i, "", T0 + c));
      }
      write(TelemetryBatch.ofSpans(spans, 1));
      if (c % 3 == 0) {
        store.applyRetention(T0 + c, 0);
      }
    }
    done.set(true);
    for (Thread t : readers) {
      t.join(30_000);
    }

    assertThat(failure.get()).isNull();
    assertThat(store.trace(traceId(10))).hasSize(500);
    assertThat(store.trace(traceId(8))).isEmpty();
  }

  @Test
  void negativeMaxBytesIsRejected() {
    assertThatThrownBy(() -> store.applyRetention(0, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes");
  }

  @Test
  void aFileOfAnotherSchemaVersionIsRefusedByName() throws Exception {
    store.close();
    Path file = directory.resolve("data").resolve(DuckDbTelemetryStore.FILE_NAME);
    try (var conn = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement st = conn.createStatement()) {
      st.execute("UPDATE pipelens_meta SET value = '99' WHERE key = 'schema_version'");
    }

    assertThatThrownBy(() -> store = openStore(directory))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("schema version 99");
    store = new InMemoryTelemetryStore();
  }

  @Test
  void aDataDirectoryThatIsAFileIsReportedWithItsPath() throws Exception {
    Path notADir = Files.writeString(directory.resolve("plain-file"), "x");

    assertThatThrownBy(() -> DuckDbTelemetryStore.open(notADir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(notADir.toString());
  }

  @Test
  void anUnknownDuckDbSettingFailsTheOpen() {
    assertThatThrownBy(
            () -> DuckDbTelemetryStore.open(directory.resolve("other"), Map.of("no_such_option", "1")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no_such_option");
  }

  @Test
  void aClosedStoreSaysSo() throws Exception {
    store.close();

    assertThatThrownBy(() -> store.trace(traceId(1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
    store = new InMemoryTelemetryStore();
  }
}
