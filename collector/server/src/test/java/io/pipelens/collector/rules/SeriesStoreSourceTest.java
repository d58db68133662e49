package io.pipelens.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.Value;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.series.SeriesStoreConfig;
import io.pipelens.collector.series.SpanMetrics;
import io.pipelens.collector.store.SpanRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PromQL over the collector's series store, fed with span RED metrics as the collector feeds it. */
class SeriesStoreSourceTest {
  static final long T0 = 1_700_000_000_000L;
  static final int ERROR = 2;
  static final int OK = 1;

  private final SeriesStore store = new SeriesStore(SeriesStoreConfig.defaults());
  private final SeriesStoreSource source = new SeriesStoreSource(store);
  private final PromqlEngine engine = new PromqlEngine(source);
  private final SpanMetrics red = new SpanMetrics(1_000);

  static SpanRecord span(String service, String name, int status, double seconds) {
    long start = T0 * 1_000_000L;
    return new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", "", "", 1, name, 1, start,
        start + (long) (seconds * 1e9), status, "", service, "python", Map.of("service.name", service), "", "",
        Map.of(), List.of(), List.of());
  }

  /** Every 15 s for 5 minutes: etl/load gets 4 spans (1 failing, 2 s each), api/score 2 fast ok spans. */
  private void feedFiveMinutes() {
    for (long t = T0; t <= T0 + 300_000; t += 15_000) {
      red.record(span("etl", "load", OK, 2));
      red.record(span("etl", "load", OK, 2));
      red.record(span("etl", "load", OK, 2));
      red.record(span("etl", "load", ERROR, 2));
      red.record(span("api", "score", OK, 0.02));
      red.record(span("api", "score", OK, 0.02));
      red.record(span("etl-2", "load", OK, 0.02));
      red.collect(store, t);
    }
  }

  private List<Value.Sample> query(String expr, long t) {
    Value v = engine.instantQuery(expr, t).value();
    assertThat(v).isInstanceOf(Value.Vector.class);
    return ((Value.Vector) v).samples();
  }

  private static List<String> services(List<Value.Sample> samples) {
    return samples.stream().map(s -> s.labels().get("service")).sorted().toList();
  }

  @Test
  void rateOfTheSpanCounterIsSpansPerSecond() {
    feedFiveMinutes();
    List<Value.Sample> errors = query("sum by (service) (rate(pipelens_spans_total{status_code=\"error\"}[5m]))", T0 + 300_000);
    assertThat(errors).singleElement().satisfies(s -> {
      assertThat(s.labels().get("service")).isEqualTo("etl");
      assertThat(s.v()).isCloseTo(1 / 15.0, within(1e-9));
    });
    List<Value.Sample> ratio = query("sum by (service) (rate(pipelens_spans_total{status_code=\"error\"}[5m]))"
        + " / sum by (service) (rate(pipelens_spans_total[5m]))", T0 + 300_000);
    assertThat(ratio).singleElement().satisfies(s -> assertThat(s.v()).isCloseTo(0.25, within(1e-9)));
  }

  @Test
  void histogramQuantileOverTheRedDurationHistogram() {
    feedFiveMinutes();
    List<Value.Sample> p99 = query("histogram_quantile(0.99, sum by (service, le)"
        + " (rate(pipelens_span_duration_seconds_bucket[5m])))", T0 + 300_000);
    assertThat(p99).hasSize(3);
    Map<String, Double> byService = new java.util.TreeMap<>();
    p99.forEach(s -> byService.put(s.labels().get("service"), s.v()));
    // 2 s spans fall in the (1, 2.5] bucket, 20 ms spans in (0.01, 0.025]: interpolated inside them
    assertThat(byService.get("etl")).isBetween(1.0, 2.5);
    assertThat(byService.get("api")).isBetween(0.01, 0.025);
  }

  @Test
  void regexMatchersAreFullyAnchoredRe2() {
    feedFiveMinutes();
    long t = T0 + 300_000;
    // anchored: "etl" does not match "etl-2"
    assertThat(services(query("pipelens_spans_total{service=~\"etl|api\", status_code=\"ok\"}", t)))
        .containsExactly("api", "etl");
    assertThat(services(query("pipelens_spans_total{service=~\"et\"}", t))).isEmpty();
    assertThat(services(query("pipelens_spans_total{service!~\"etl.*\"}", t))).containsExactly("api");
    // RE2's POSIX class; java.util.regex would read [[:alpha:]] as the characters ":alph"
    assertThat(services(query("pipelens_spans_total{service=~\"[[:alpha:]]+\", status_code=\"ok\"}", t)))
        .containsExactly("api", "etl");
    // RE2 syntax Java does not accept at all
    assertThat(services(query("pipelens_spans_total{service=~\"(?P<s>etl)-\\\\d\"}", t))).containsExactly("etl-2");
    // a regex over the metric name only: no postings narrowing for it, still exact
    assertThat(query("{__name__=~\"pipelens_span_duration_seconds_(sum|count)\", service=\"api\"}", t)).hasSize(2);
    // a matcher that also accepts a missing label
    assertThat(services(query("pipelens_spans_total{fingerprint=~\"x|\", status_code=\"error\"}", t)))
        .containsExactly("etl");
  }

  @Test
  void appendedRuleOutputIsReadableAtOnceAndStaleMarkersEndASeries() {
    Labels recorded = Labels.of("__name__", "service:errors:ratio", "service", "etl");
    source.append(recorded, T0, 0.25);
    assertThat(query("service:errors:ratio", T0 + 1_000)).singleElement()
        .satisfies(s -> assertThat(s.v()).isEqualTo(0.25));
    source.append(recorded, T0 + 60_000, Point.STALE_NAN);
    assertThat(query("service:errors:ratio", T0 + 61_000)).isEmpty();
    assertThat(query("service:errors:ratio", T0 + 59_000)).hasSize(1);
  }
}
