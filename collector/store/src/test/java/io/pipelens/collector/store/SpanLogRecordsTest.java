package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.span;
import static io.pipelens.collector.store.TelemetryFixtures.spanId;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Span log records of per-trace blocks: grouping, summaries, merging and the byte format. */
class SpanLogRecordsTest {

  @Test
  void aWriteCallsSpansAreGroupedByTraceWithTheSummaryTheStoreNeeds() {
    SpanRecord rich = TelemetryFixtures.richSpan(traceId(1), T0 + 50);
    List<SpanRecord> spans = List.of(span(traceId(1), 1, "", T0 + 10), span(traceId(2), 2, "", T0),
        rich, span(traceId(2), 3, spanId(2), T0 + 5));

    List<EncodedTrace> traces = EncodedTrace.group(spans);

    assertThat(traces).extracting(EncodedTrace::traceId).containsExactly(traceId(1), traceId(2));
    EncodedTrace one = traces.get(0);
    sameSpans(one.spans(), List.of(spans.get(0), rich));
    assertThat(one.spanCount()).isEqualTo(2);
    assertThat(one.minStartNanos()).isEqualTo(T0 + 10);
    assertThat(one.maxStartNanos()).isEqualTo(T0 + 50);
    assertThat(one.serviceName()).as("two services").isEqualTo(
        rich.serviceName().equals(spans.get(0).serviceName()) ? rich.serviceName() : null);
    assertThat(operations(one)).containsExactlyInAnyOrder(
        op(spans.get(0)), op(rich));
    sameSpans(traces.get(1).spans(), List.of(spans.get(1), spans.get(3)));
    assertThat(traces.get(1).serviceName()).isEqualTo(spans.get(1).serviceName());
  }

  @Test
  void recordsRoundTripAndOldSingleBlockRecordsAreRead() {
    List<SpanRecord> spans = List.of(span(traceId(1), 1, "", T0), span(traceId(2), 2, "", T0 + 1),
        TelemetryFixtures.richSpan(traceId(1), T0 + 2));
    List<EncodedTrace> traces = EncodedTrace.group(spans);

    List<EncodedTrace> back = SpanLogRecords.decode(SpanLogRecords.encode(traces));
    assertThat(back).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertSame(back.get(i), traces.get(i));
    }

    List<EncodedTrace> old = SpanLogRecords.decode(SpanBlockCodec.encode(spans));
    assertThat(old).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertSame(old.get(i), traces.get(i));
    }
  }

  @Test
  void partsOfATraceMergeWithoutDecodingAndReadBackWhole() {
    EncodedTrace a = EncodedTrace.group(List.of(span(traceId(1), 1, "", T0 + 5))).get(0);
    EncodedTrace b = EncodedTrace.group(List.of(span(traceId(2), 2, "", T0))).get(0);
    EncodedTrace c = EncodedTrace.group(List.of(
        TelemetryFixtures.richSpan(traceId(1), T0 + 1))).get(0);

    List<EncodedTrace> merged = EncodedTrace.mergeByTrace(List.of(a, b, c));

    assertThat(merged).extracting(EncodedTrace::traceId).containsExactly(traceId(1), traceId(2));
    EncodedTrace one = merged.get(0);
    sameSpans(one.spans(), concat(a.spans(), c.spans()));
    assertThat(one.spanCount()).isEqualTo(2);
    assertThat(one.minStartNanos()).isEqualTo(T0 + 1);
    assertThat(one.maxStartNanos()).isEqualTo(T0 + 5);
    assertThat(operations(one)).containsExactlyInAnyOrderElementsOf(
        concat(operations(a), operations(c)).stream().distinct().toList());
    assertThat(merged.get(1)).isSameAs(b);
  }

  @Test
  void manyDistinctOperationsAreEachListedOnce() {
    List<SpanRecord> spans = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      SpanRecord s = span(traceId(1), i, "", T0 + i);
      spans.add(new SpanRecord(s.traceId(), s.spanId(), s.parentSpanId(), s.traceState(),
          s.flags(), "step " + (i % 50), s.kind(), s.startEpochNanos(), s.endEpochNanos(),
          s.statusCode(), s.statusMessage(), s.serviceName(), s.language(), s.resource(),
          s.scopeName(), s.scopeVersion(), s.attributes(), s.events(), s.links()));
    }
    EncodedTrace t = EncodedTrace.group(spans).get(0);
    assertThat(t.opNames()).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void theTailSkipsOnlyTracesWhoseSummaryRulesEverySpanOut() {
    SpanRecord a = TraceSearchContract.simple(1, 1, "scorer", "predict", T0 + 100);
    SpanRecord b = TraceSearchContract.simple(1, 2, "trainer", "fit", T0 + 200);
    EncodedTrace t = EncodedTrace.group(List.of(a, b)).get(0);

    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all())).isTrue();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withServiceName("trainer"))).isTrue();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withServiceName("trainer")
        .withSpanName("fit"))).isTrue();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withSpanName("predict"))).isTrue();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withServiceName("trainer")
        .withSpanName("predict"))).as("predict is the scorer's").isFalse();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withServiceName("loader"))).isFalse();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withStartBetween(T0 + 200, T0 + 900)))
        .isTrue();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withStartBetween(T0, T0 + 100)))
        .isTrue();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withStartBetween(T0 + 201, T0 + 900)))
        .isFalse();
    assertThat(SpanLogReads.mayMatch(t, TraceQuery.all().withStartBetween(T0, T0 + 99)))
        .isFalse();
  }

  @Test
  void badRecordsAreNamed() {
    assertThatThrownBy(() -> SpanLogRecords.decode(new byte[] {9, 0}))
        .hasMessageContaining("unknown version 9");
    byte[] ok = SpanLogRecords.encode(EncodedTrace.group(List.of(span(traceId(1), 1, "", T0))));
    assertThatThrownBy(() -> SpanLogRecords.decode(Arrays.copyOf(ok, ok.length - 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at byte");
    assertThatThrownBy(() -> SpanLogRecords.decode(Arrays.copyOf(ok, ok.length + 1)))
        .hasMessageContaining("trailing bytes");
  }

  private static void assertSame(EncodedTrace actual, EncodedTrace expected) {
    assertThat(actual.traceId()).isEqualTo(expected.traceId());
    sameSpans(actual.spans(), expected.spans());
    assertThat(actual.spanCount()).isEqualTo(expected.spanCount());
    assertThat(actual.minStartNanos()).isEqualTo(expected.minStartNanos());
    assertThat(actual.maxStartNanos()).isEqualTo(expected.maxStartNanos());
    assertThat(actual.serviceName()).isEqualTo(expected.serviceName());
    assertThat(operations(actual)).containsExactlyElementsOf(operations(expected));
  }

  /** Equal field by field (byte arrays by content), in order. */
  private static void sameSpans(List<SpanRecord> actual, List<SpanRecord> expected) {
    TelemetryStoreContract.assertSameValues(actual, new ArrayList<>(expected));
  }

  private static List<String> operations(EncodedTrace t) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.opNames().length; i++) {
      out.add(t.opServices()[i] + "/" + t.opNames()[i] + "/" + t.opKinds()[i]);
    }
    return out;
  }

  private static String op(SpanRecord s) {
    return s.serviceName() + "/" + s.name() + "/" + s.kind();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
