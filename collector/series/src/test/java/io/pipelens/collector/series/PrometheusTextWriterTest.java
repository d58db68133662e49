package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.MetricPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exposition text validated by the real Prometheus parser in {@code promtool check metrics}. */
class PrometheusTextWriterTest {

  private final SeriesStore store = new SeriesStore(SeriesStoreConfig.defaults());

  @Test
  void spanAndErrorMetricsPassPromtoolWithoutAnyFinding() throws Exception {
    SpanMetrics red = new SpanMetrics(100);
    red.record(SpanMetricsTest.span("etl", "load \"orders\"\nfrom C:\\data", 1, 2, 1.5));
    red.record(SpanMetricsTest.span("etl", "load", 3, 1, 0.01));
    red.recordError("9f2c1d", "etl", "python", "ValueError");
    red.collect(store, 1_700_000_000_000L);

    String text = new PrometheusTextWriter(false).write(store);
    PromtoolCheck.Result check = PromtoolCheck.run(text);

    assertThat(check.exitCode()).as("promtool output: %s%n%s", check.output(), text).isZero();
    assertThat(text).contains("operation=\"load \\\"orders\\\"\\nfrom C:\\\\data\"");
    assertThat(text).containsOnlyOnce("# TYPE pipelens_span_duration_seconds histogram\n");
    assertThat(text).containsOnlyOnce("# TYPE pipelens_spans_total counter\n");
    assertThat(text).containsOnlyOnce("# TYPE pipelens_errors_total counter\n");
    assertThat(text).contains("# HELP pipelens_spans_total ");
    // Buckets of one series: in le order, +Inf last, then _sum and _count.
    java.util.regex.Pattern le = java.util.regex.Pattern.compile("le=\"([^\"]+)\"");
    String load = text.lines().filter(l -> l.contains("operation=\"load\"") && l.startsWith("pipelens_span_duration"))
        .map(l -> {
          var m = le.matcher(l);
          return l.substring(0, l.indexOf('{')) + "{" + (m.find() ? m.group(1) : "") + "} ";
        })
        .reduce("", String::concat);
    assertThat(load).startsWith("pipelens_span_duration_seconds_bucket{0.005} pipelens_span_duration_seconds_bucket{0.01} ")
        .endsWith("pipelens_span_duration_seconds_bucket{3600} pipelens_span_duration_seconds_bucket{+Inf} "
            + "pipelens_span_duration_seconds_sum{} pipelens_span_duration_seconds_count{} ");
  }

  @Test
  void reExposedOtlpMetricsOfEveryKindParseWithTimestamps() throws Exception {
    OtlpMetricIngester ingester = new OtlpMetricIngester(store);
    long t = 1_700_000_000_123_000_000L;
    ingester.ingest(List.of(
        OtlpMetricIngesterTest.point("rows.processed", "{rows}", MetricPoint.Type.SUM, true, 2, t, Map.of("step", "a\"b"), 12),
        OtlpMetricIngesterTest.point("queue.fill", "1", MetricPoint.Type.GAUGE, false, 0, t, Map.of("q", "x\\y"), 0.5),
        OtlpMetricIngesterTest.histogram(2, t, List.of(0.5, 1.0, 2.5), List.of(1L, 1L, 0L, 2L), 9.5),
        new MetricPoint("io.wait", "multi\nline help", "s", MetricPoint.Type.SUMMARY, false, 0, t, t, "scorer", "",
            OtlpMetricIngesterTest.RESOURCE, "s", "", Map.of(), 0, 4, 2.5, 0, 0, 0, List.of(), List.of(),
            List.of(0.5, 0.9), List.of(0.4, 1.2), 0)));

    String text = new PrometheusTextWriter(true).write(store);
    PromtoolCheck.Result check = PromtoolCheck.run(text);

    assertThat(check.parsed()).as("promtool output: %s%n%s", check.output(), text).isTrue();
    // The only finding is about the sender's data: its histogram came without a description.
    assertThat(check.output().strip()).isEqualTo("model_inference_duration_seconds no help text");
    assertThat(text).contains("# TYPE model_inference_duration_seconds histogram\n")
        .contains("# TYPE io_wait_seconds summary\n")
        .contains("# HELP io_wait_seconds multi\\nline help\n")
        .contains("# TYPE rows_processed_total counter\n")
        .contains("# TYPE queue_fill_ratio gauge\n")
        .contains("# TYPE target_info gauge\n")
        .contains("q=\"x\\\\y\"")
        .contains(" 1700000000123\n");
    assertThat(text.lines().filter(l -> l.startsWith("model_inference_duration_seconds_bucket")).toList())
        .extracting(l -> l.replaceAll(".*le=\"([^\"]+)\".*} (\\S+) .*", "$1=$2"))
        .containsExactly("0.5=1", "1=2", "2.5=2", "+Inf=4");
  }

  @Test
  void brokenExpositionIsRejectedByPromtoolSoTheCheckCanFail() throws Exception {
    assertThat(PromtoolCheck.run("# TYPE x counter\nx{a=\"1} 1\n").parsed()).isFalse();
  }

  @Test
  void seriesThatStoppedReportingCanBeLeftOut() {
    store.append(Labels.of("__name__", "rows", "job", "old"), 1_000, 1);
    store.append(Labels.of("__name__", "rows", "job", "new"), 400_000, 2);
    StringBuilder out = new StringBuilder();

    new PrometheusTextWriter(false).write(store, out, 400_000 - 300_000);

    assertThat(out.toString()).isEqualTo("# TYPE rows untyped\nrows{job=\"new\"} 2\n");
    assertThat(new PrometheusTextWriter(false).write(store)).contains("job=\"old\"");
  }

  @Test
  void seriesEndedByAStaleMarkerAreLeftOutButRealNaNStays() {
    double stale = Double.longBitsToDouble(0x7ff0000000000002L);
    store.append(Labels.of("__name__", "ALERTS", "alertname", "Gone"), 1_000, 1);
    store.append(Labels.of("__name__", "ALERTS", "alertname", "Gone"), 2_000, stale);
    store.append(Labels.of("__name__", "ratio", "job", "etl"), 2_000, Double.NaN);
    StringBuilder out = new StringBuilder();

    new PrometheusTextWriter(false).write(store, out, Long.MIN_VALUE);

    assertThat(out.toString()).isEqualTo("# TYPE ratio untyped\nratio{job=\"etl\"} NaN\n");
  }

  @Test
  void valuesAreFormattedLikeGo() {
    assertThat(PrometheusTextWriter.formatValue(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusTextWriter.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(PrometheusTextWriter.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(PrometheusTextWriter.formatValue(3.0)).isEqualTo("3");
    assertThat(PrometheusTextWriter.formatValue(0.25)).isEqualTo("0.25");
  }
}
