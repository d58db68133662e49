package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.SpanRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanMetricsTest {

  static SpanRecord span(String service, String name, int kind, int status, double seconds) {
    long start = 1_700_000_000_000_000_000L;
    return new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "", "", 1, name, kind, start,
        start + (long) (seconds * 1e9), status, "", service, "python", Map.of("service.name", service), "", "",
        Map.of(), List.of(), List.of());
  }

  private final SeriesStore store = new SeriesStore(SeriesStoreConfig.defaults());

  private double value(String name, String... labels) {
    List<LabelMatcher> m = new java.util.ArrayList<>(List.of(LabelMatcher.eq("__name__", name)));
    for (int i = 0; i < labels.length; i += 2) {
      m.add(LabelMatcher.eq(labels[i], labels[i + 1]));
    }
    List<SeriesSamples> out = store.select(m, 0, Long.MAX_VALUE);
    assertThat(out).as("%s %s", name, m).hasSize(1);
    List<Sample> samples = out.get(0).samples();
    return samples.get(samples.size() - 1).value();
  }

  @Test
  void countsSpansAndBucketsDurationsPerServiceOperationKindAndStatus() {
    SpanMetrics red = new SpanMetrics(1_000);
    red.record(span("etl", "load", 1, 0, 0.003));
    red.record(span("etl", "load", 1, 0, 0.2));
    red.record(span("etl", "load", 1, 0, 45));
    red.record(span("etl", "load", 1, 2, 4_000));
    red.record(span("api", "GET /score", 2, 1, 0.02));

    red.collect(store, 60_000);

    assertThat(value("pipelens_spans_total", "service", "etl", "operation", "load", "status_code", "unset", "span_kind", "internal"))
        .isEqualTo(3);
    assertThat(value("pipelens_spans_total", "service", "etl", "status_code", "error")).isEqualTo(1);
    assertThat(value("pipelens_spans_total", "service", "api", "span_kind", "server", "status_code", "ok", "language", "python"))
        .isEqualTo(1);
    String[] load = {"service", "etl", "status_code", "unset"};
    assertThat(value("pipelens_span_duration_seconds_bucket", concat(load, "le", "0.005"))).isEqualTo(1);
    assertThat(value("pipelens_span_duration_seconds_bucket", concat(load, "le", "0.25"))).isEqualTo(2);
    assertThat(value("pipelens_span_duration_seconds_bucket", concat(load, "le", "30"))).isEqualTo(2);
    assertThat(value("pipelens_span_duration_seconds_bucket", concat(load, "le", "60"))).isEqualTo(3);
    assertThat(value("pipelens_span_duration_seconds_bucket", concat(load, "le", "3600"))).isEqualTo(3);
    assertThat(value("pipelens_span_duration_seconds_bucket", concat(load, "le", "+Inf"))).isEqualTo(3);
    assertThat(value("pipelens_span_duration_seconds_sum", load)).isCloseTo(45.203, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(value("pipelens_span_duration_seconds_bucket", "status_code", "error", "le", "3600")).isZero();
    assertThat(value("pipelens_span_duration_seconds_bucket", "status_code", "error", "le", "+Inf")).isEqualTo(1);
  }

  @Test
  void errorCountersPerGroupAndCollectionsFormARateableSeries() {
    SpanMetrics red = new SpanMetrics(1_000);
    red.recordError("9f2c", "etl", "python", "ValueError");
    red.collect(store, 10_000);
    red.recordError("9f2c", "etl", "python", "ValueError");
    red.recordError("77aa", "score", "r", "simpleError");
    red.collect(store, 20_000);

    List<SeriesSamples> s = store.select(List.of(LabelMatcher.eq("__name__", "pipelens_errors_total"),
        LabelMatcher.eq("fingerprint", "9f2c")), 0, Long.MAX_VALUE);
    assertThat(s.get(0).samples()).containsExactly(new Sample(10_000, 1), new Sample(20_000, 2));
    assertThat(s.get(0).labels().map()).containsEntry("service", "etl").containsEntry("language", "python")
        .containsEntry("type", "ValueError");
    assertThat(value("pipelens_errors_total", "fingerprint", "77aa", "type", "simpleError")).isEqualTo(1);
  }

  @Test
  void labelSetsBeyondMaxKeysAreDroppedAndCounted() {
    SpanMetrics red = new SpanMetrics(2);
    for (int i = 0; i < 5; i++) {
      red.record(span("etl", "step-" + i, 1, 0, 1));
    }
    red.record(span("etl", "step-0", 1, 0, 1));
    red.collect(store, 1_000);

    assertThat(red.droppedKeys()).isEqualTo(3);
    assertThat(store.select(List.of(LabelMatcher.eq("__name__", "pipelens_spans_total")), 0, Long.MAX_VALUE)).hasSize(2);
    assertThat(value("pipelens_spans_total", "operation", "step-0")).isEqualTo(2);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
