package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.MetricPoint;
import io.pipelens.collector.store.MetricPoint.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpMetricIngesterTest {

  static final long T0 = 1_700_000_000_000_000_000L;
  static final Map<String, Object> RESOURCE = Map.of(
      "service.name", "scorer", "service.namespace", "pipelines", "service.instance.id", "host-1:42",
      "host.name", "host-1", "deployment.environment", "prod");

  private final SeriesStore store = new SeriesStore(SeriesStoreConfig.defaults());
  private final OtlpMetricIngester ingester = new OtlpMetricIngester(store);

  static MetricPoint point(String name, String unit, Type type, boolean monotonic, int temporality, long t,
      Map<String, Object> attrs, double value) {
    return new MetricPoint(name, "help of " + name, unit, type, monotonic, temporality, T0, t, "scorer", "python",
        RESOURCE, "pipelens.scorer", "0.3.1", attrs, value, 0, Double.NaN, Double.NaN, Double.NaN, 0,
        List.of(), List.of(), List.of(), List.of(), 0);
  }

  static MetricPoint histogram(int temporality, long t, List<Double> bounds, List<Long> counts, double sum) {
    long count = counts.stream().mapToLong(Long::longValue).sum();
    return new MetricPoint("model.inference.duration", "", "s", Type.HISTOGRAM, false, temporality, T0, t, "scorer",
        "python", RESOURCE, "scope", "", Map.of("model", "churn"), Double.NaN, count, sum, 0, 0, 0, bounds, counts,
        List.of(), List.of(), 0);
  }

  private double value(String name, String... labels) {
    Labels want = Labels.of(labels);
    return store.select(List.of(LabelMatcher.eq("__name__", name)), 0, Long.MAX_VALUE).stream()
        .filter(s -> want.map().entrySet().stream().allMatch(e -> s.labels().get(e.getKey()).equals(e.getValue())))
        .map(s -> s.samples().get(s.samples().size() - 1).value())
        .findFirst().orElseThrow(() -> new AssertionError("no series " + name + want + " in " + store.latest()));
  }

  @Test
  void countersGaugesAndLabelsFollowTheSpec() {
    ingester.ingest(List.of(
        point("rows.processed", "{rows}", Type.SUM, true, 2, T0 + 1_000_000, Map.of("step", "clean"), 120),
        point("queue.fill", "1", Type.GAUGE, false, 0, T0 + 1_000_000, Map.of("http.method", "GET", "http_method", "get"), 0.25),
        point("pending.jobs", "", Type.SUM, false, 2, T0 + 1_000_000, Map.of(), 7)));

    Labels counter = store.select(List.of(LabelMatcher.eq("__name__", "rows_processed_total")), 0, Long.MAX_VALUE).get(0).labels();
    assertThat(counter.map()).containsEntry("job", "pipelines/scorer").containsEntry("instance", "host-1:42")
        .containsEntry("step", "clean").containsEntry("otel_scope_name", "pipelens.scorer")
        .containsEntry("otel_scope_version", "0.3.1").doesNotContainKey("host_name");
    assertThat(value("rows_processed_total")).isEqualTo(120);
    assertThat(value("queue_fill_ratio", "http_method", "GET;get")).isEqualTo(0.25);
    assertThat(value("pending_jobs")).isEqualTo(7);
    assertThat(store.metadata("rows_processed_total").orElseThrow().type()).isEqualTo(MetricType.COUNTER);
    assertThat(store.metadata("pending_jobs").orElseThrow().type()).isEqualTo(MetricType.GAUGE);
    assertThat(value("target_info", "job", "pipelines/scorer", "instance", "host-1:42",
        "host_name", "host-1", "deployment_environment", "prod")).isEqualTo(1);
  }

  @Test
  void deltaSumsAreAccumulatedAndNonMonotonicDeltasDropped() {
    for (int i = 1; i <= 3; i++) {
      ingester.ingest(List.of(point("records.failed", "", Type.SUM, true, 1, T0 + i * 1_000_000_000L, Map.of(), 2)));
    }
    ingester.ingest(List.of(point("balance", "", Type.SUM, false, 1, T0 + 5_000_000_000L, Map.of(), 2)));

    assertThat(store.select(List.of(LabelMatcher.eq("__name__", "records_failed_total")), 0, Long.MAX_VALUE).get(0).samples())
        .extracting(Sample::value).containsExactly(2.0, 4.0, 6.0);
    assertThat(store.select(List.of(LabelMatcher.re("__name__", "balance.*")), 0, Long.MAX_VALUE)).isEmpty();
    assertThat(ingester.dropped()).containsEntry("non_monotonic_delta_sum", 1L);
  }

  @Test
  void histogramsBecomeCumulativeBucketsSumAndCountAndDeltasAccumulate() {
    List<Double> bounds = List.of(0.1, 1.0, 10.0);
    ingester.ingest(List.of(histogram(1, T0 + 1_000_000_000L, bounds, List.of(1L, 2L, 3L, 4L), 50)));
    ingester.ingest(List.of(histogram(1, T0 + 2_000_000_000L, bounds, List.of(1L, 0L, 0L, 1L), 20)));

    String n = "model_inference_duration_seconds";
    assertThat(value(n + "_bucket", "le", "0.1")).isEqualTo(2);
    assertThat(value(n + "_bucket", "le", "1")).isEqualTo(4);
    assertThat(value(n + "_bucket", "le", "10")).isEqualTo(7);
    assertThat(value(n + "_bucket", "le", "+Inf")).isEqualTo(12);
    assertThat(value(n + "_count")).isEqualTo(12);
    assertThat(value(n + "_sum")).isEqualTo(70);
    assertThat(store.metadata(n).orElseThrow().type()).isEqualTo(MetricType.HISTOGRAM);
  }

  @Test
  void summariesExposeQuantilesSumAndCount() {
    MetricPoint p = new MetricPoint("rpc.latency", "", "ms", Type.SUMMARY, false, 0, T0, T0 + 1, "scorer", "", RESOURCE,
        "s", "", Map.of(), Double.NaN, 10, 123.5, 0, 0, 0, List.of(), List.of(), List.of(0.5, 0.99), List.of(3.0, 40.0), 0);

    ingester.ingest(List.of(p));

    assertThat(value("rpc_latency_milliseconds", "quantile", "0.5")).isEqualTo(3);
    assertThat(value("rpc_latency_milliseconds", "quantile", "0.99")).isEqualTo(40);
    assertThat(value("rpc_latency_milliseconds_sum")).isEqualTo(123.5);
    assertThat(value("rpc_latency_milliseconds_count")).isEqualTo(10);
  }

  @Test
  void conflictingTypesAndUnsupportedPointsAreDroppedAndCounted() {
    ingester.ingest(List.of(
        point("jobs", "", Type.GAUGE, false, 0, T0 + 1, Map.of(), 1),
        point("jobs.total", "", Type.SUM, true, 2, T0 + 1, Map.of(), 1),
        point("jobs", "", Type.SUM, true, 2, T0 + 2, Map.of(), 1)));
    MetricPoint exp = new MetricPoint("e", "", "", Type.EXPONENTIAL_HISTOGRAM, false, 2, T0, T0 + 1, "scorer", "",
        Map.of(), "", "", Map.of(), 0, 3, 10, 0, 5, 0, List.of(1.0), List.of(0L, 2L), List.of(), List.of(), 0);
    MetricPoint noValue = new MetricPoint("g", "", "", Type.GAUGE, false, 0, T0, T0 + 1, "scorer", "", Map.of(), "",
        "", Map.of(), 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), 1);
    ingester.ingest(List.of(exp, noValue));

    assertThat(value("jobs")).isEqualTo(1);
    assertThat(ingester.dropped()).containsEntry("exponential_histogram", 1L).containsEntry("no_recorded_value", 1L);
    // "jobs" gauge and "jobs.total" counter -> jobs_total counter; the third (a counter named jobs_total) agrees.
    assertThat(value("jobs_total")).isEqualTo(1);
  }
}
