package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.log;
import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.spanId;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TelemetryStore} must do. A backend's test extends this class and implements
 * {@link #openStore}; see docs/storage.md. The search contract ({@link TraceSearchContract}) comes
 * with it.
 */
public abstract class TelemetryStoreContract extends TraceSearchContract {

  @Test
  void spanRoundTripKeepsEveryFieldAndAttributeKind() throws Exception {
    SpanRecord rich = TelemetryFixtures.richSpan(traceId(1), T0);
    write(TelemetryBatch.ofSpans(List.of(rich), 1000));

    List<SpanRecord> trace = store.trace(traceId(1));

    assertThat(trace).hasSize(1);
    assertSameValues(trace.get(0), rich);
    SpanEvent exception = trace.get(0).events().get(0);
    assertThat(exception.name()).isEqualTo("exception");
    assertThat(exception.attributes())
        .containsEntry("exception.message", "model not loaded")
        .containsEntry("exception.escaped", false);
    assertThat(trace.get(0).attributes().get("int")).isInstanceOf(Long.class);
    assertThat(trace.get(0).attributes().get("whole.double")).isInstanceOf(Double.class);
    assertThat((byte[]) trace.get(0).attributes().get("bytes"))
        .isEqualTo((byte[]) rich.attributes().get("bytes"));
  }

  @Test
  void spansWithoutBytesComeBackEqual() throws Exception {
    SpanRecord root = span(traceId(2), 1, "", T0);
    SpanRecord child = span(traceId(2), 2, spanId(1), T0 + 100);
    write(TelemetryBatch.ofSpans(List.of(root, child), 100));

    assertThat(store.trace(traceId(2))).containsExactly(root, child);
  }

  @Test
  void narrowNumbersAreStoredInCanonicalForm() throws Exception {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("int", 7);
    attrs.put("short", (short) 3);
    attrs.put("float", 0.5f);
    attrs.put("list", List.of(1, 2));
    SpanRecord s = withAttributes(span(traceId(3), 1, "", T0), attrs);
    write(TelemetryBatch.ofSpans(List.of(s), 100));

    Map<String, Object> read = store.trace(traceId(3)).get(0).attributes();

    assertThat(read)
        .containsEntry("int", 7L)
        .containsEntry("short", 3L)
        .containsEntry("float", 0.5)
        .containsEntry("list", List.of(1L, 2L));
  }

  @Test
  void traceReturnsOnlyItsSpansInStartOrderAcrossWrites() throws Exception {
    String id = traceId(4);
    write(
        TelemetryBatch.ofSpans(
            List.of(span(id, 3, spanId(1), T0 + 300), span(traceId(5), 9, "", T0 + 50)), 100));
    write(TelemetryBatch.ofSpans(List.of(span(id, 1, "", T0), span(id, 2, spanId(1), T0 + 200)), 100));

    List<SpanRecord> trace = store.trace(id);

    assertThat(trace).extracting(SpanRecord::spanId).containsExactly(spanId(1), spanId(2), spanId(3));
    assertThat(trace).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(id));
  }

  @Test
  void zipkinSixtyFourBitAndPaddedTraceIdsAreDistinct() throws Exception {
    String short64 = "463ac35c9f6413ad";
    String padded = "0000000000000000463ac35c9f6413ad";
    String full128 = "463ac35c9f6413ad48485a3953bb6124";
    write(
        TelemetryBatch.ofSpans(
            List.of(span(short64, 1, "", T0), span(padded, 2, "", T0), span(full128, 3, "", T0)),
            100));

    assertThat(store.trace(short64)).extracting(SpanRecord::spanId).containsExactly(spanId(1));
    assertThat(store.trace(padded)).extracting(SpanRecord::spanId).containsExactly(spanId(2));
    assertThat(store.trace(full128)).extracting(SpanRecord::spanId).containsExactly(spanId(3));
    assertThat(store.trace("not-hex-at-all")).isEmpty();
  }

  @Test
  void unknownTraceIsEmpty() throws Exception {
    write(TelemetryBatch.ofSpans(List.of(span(traceId(6), 1, "", T0)), 100));

    assertThat(store.trace(traceId(7))).isEmpty();
    assertThat(store.trace("")).isEmpty();
    assertThat(store.logsOfTrace(traceId(7))).isEmpty();
  }

  @Test
  void logsWithAndWithoutTraceIds() throws Exception {
    String id = traceId(8);
    Map<String, Object> structured = new LinkedHashMap<>();
    structured.put("msg", "epoch done");
    structured.put("loss", 0.125);
    LogRecordData late = log(id, spanId(1), T0 + 200, "second");
    LogRecordData early = log(id, spanId(2), T0 + 100, structured);
    LogRecordData noTime = log(id, spanId(2), 0, null); // ordered by observed time T0 + 5
    LogRecordData untied = log("", "", T0 + 150, "no trace");
    write(TelemetryBatch.ofLogs(List.of(late, early, untied, noTime), 100));

    assertThat(store.logsOfTrace(id)).containsExactly(noTime, early, late);
    assertThat(store.logsOfTrace("")).isEmpty();
    assertThat(store.stats().logs()).isEqualTo(4);
  }

  @Test
  void everyMetricTypeRoundTrips() throws Exception {
    List<MetricPoint> points = TelemetryFixtures.everyMetricType(T0);
    write(TelemetryBatch.ofMetrics(points, 100));

    for (MetricPoint p : points) {
      assertThat(store.metricPoints(p.name(), T0, T0 + 1)).containsExactly(p);
    }
  }

  @Test
  void metricPointsSelectNameAndHalfOpenTimeRange() throws Exception {
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(TelemetryFixtures.gauge("cpu", T0 + i * 10, i));
      points.add(TelemetryFixtures.gauge("mem", T0 + i * 10, -i));
    }
    write(TelemetryBatch.ofMetrics(points.subList(10, 20), 100));
    write(TelemetryBatch.ofMetrics(points.subList(0, 10), 100));

    List<MetricPoint> cpu = store.metricPoints("cpu", T0 + 20, T0 + 50);

    assertThat(cpu).extracting(MetricPoint::value).containsExactly(2.0, 3.0, 4.0);
    assertThat(store.metricPoints("disk", T0, T0 + 1000)).isEmpty();
  }

  @Test
  void statsCountWhatWasWritten() throws Exception {
    write(
        new TelemetryBatch(
            List.of(span(traceId(9), 1, "", T0), span(traceId(9), 2, spanId(1), T0 + 1)),
            List.of(log("", "", T0, "x")),
            TelemetryFixtures.everyMetricType(T0),
            100));

    StoreStats stats = store.stats();

    assertThat(stats.spans()).isEqualTo(2);
    assertThat(stats.logs()).isEqualTo(1);
    assertThat(stats.metricPoints()).isEqualTo(5);
    assertThat(stats.diskBytes()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void retentionByAgeDeletesOnlyOlderData() throws Exception {
    long cutoff = T0 + Duration.ofHours(1).toNanos();
    write(
        new TelemetryBatch(
            List.of(span(traceId(10), 1, "", T0), span(traceId(11), 2, "", cutoff + 1)),
            List.of(log(traceId(10), spanId(1), T0, "old"), log("", "", cutoff, "new")),
            List.of(
                TelemetryFixtures.gauge("g", T0, 1), TelemetryFixtures.gauge("g", cutoff + 5, 2)),
            100));

    long deleted = store.applyRetention(cutoff, 0);

    assertThat(deleted).isEqualTo(3);
    assertThat(store.trace(traceId(10))).isEmpty();
    assertThat(store.trace(traceId(11))).hasSize(1);
    assertThat(store.logsOfTrace(traceId(10))).isEmpty();
    assertThat(store.metricPoints("g", 0, Long.MAX_VALUE))
        .extracting(MetricPoint::value)
        .containsExactly(2.0);
    StoreStats stats = store.stats();
    assertThat(List.of(stats.spans(), stats.logs(), stats.metricPoints()))
        .containsExactly(1L, 1L, 1L);
  }

  @Test
  void aFailingWriteLeavesNothingOfThatCall() throws Exception {
    List<SpanRecord> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) { // more than one appender chunk (2048 rows)
      many.add(span(traceId(12), i, "", T0 + i));
    }
    SpanRecord bad = withAttributes(span(traceId(13), 1, "", T0), Map.of("when", Duration.ZERO));
    TelemetryBatch good = new TelemetryBatch(many, List.of(log("", "", T0, "x")), List.of(), 100);

    assertThatThrownBy(() -> write(good, TelemetryBatch.ofSpans(List.of(bad), 10)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("batch 1 span 0")
        .hasMessageContaining("when")
        .hasMessageContaining("java.time.Duration");

    assertThat(store.trace(traceId(12))).isEmpty();
    assertThat(store.stats().spans()).isZero();
    assertThat(store.stats().logs()).isZero();
    // The store keeps working after a failed write.
    write(good);
    assertThat(store.trace(traceId(12))).hasSize(3000);
  }

  @Test
  void aSpanWithoutIdsIsRejectedByName() {
    SpanRecord noTrace = new SpanRecord(
        "", spanId(1), "", "", 0, "x", 1, T0, T0, 0, "", "s", "java", Map.of(), "", "",
        Map.of(), List.of(), List.of());

    assertThatThrownBy(() -> write(TelemetryBatch.ofSpans(List.of(noTrace), 10)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("traceId");
  }

  /**
   * Field-by-field equality that also compares byte[] by content: types must match exactly (Long
   * is not Integer) and doubles bit-for-bit ({@code NaN} equals {@code NaN}).
   */
  public static void assertSameValues(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withStrictTypeChecking()
        .withComparatorForType(Double::compare, Double.class)
        .isEqualTo(expected);
  }

  protected static SpanRecord withAttributes(SpanRecord s, Map<String, Object> attributes) {
    return new SpanRecord(
        s.traceId(), s.spanId(), s.parentSpanId(), s.traceState(), s.flags(), s.name(), s.kind(),
        s.startEpochNanos(), s.endEpochNanos(), s.statusCode(), s.statusMessage(),
        s.serviceName(), s.language(), s.resource(), s.scopeName(), s.scopeVersion(), attributes,
        s.events(), s.links());
  }
}
