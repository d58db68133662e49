package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry proto repository's metrics example, re-exposed. */
class OtlpConformanceExampleTest {

  @Test
  void upstreamMetricsExampleIsReExposedWithSpecNames() throws Exception {
    SeriesStore store = new SeriesStore(SeriesStoreConfig.defaults());
    OtlpMetricIngester ingester = new OtlpMetricIngester(store);

    ingester.ingest(OtlpJsonMetrics.read(Conformance.dir().resolve("otlp/metrics.json")));

    String text = new PrometheusTextWriter(false).write(store);
    assertThat(text).contains(
        "# HELP my_counter_total I am a Counter\n# TYPE my_counter_total counter\n"
            + "my_counter_total{job=\"my.service\",my_counter_attr=\"some value\",otel_scope_name=\"my.library\","
            + "otel_scope_version=\"1.0.0\"} 5\n",
        "# TYPE my_gauge_ratio gauge\n",
        "my_gauge_ratio{job=\"my.service\",my_gauge_attr=\"some value\",otel_scope_name=\"my.library\",otel_scope_version=\"1.0.0\"} 10\n",
        "# TYPE my_histogram histogram\n",
        "my_histogram_bucket{job=\"my.service\",le=\"1\",my_histogram_attr=\"some value\",otel_scope_name=\"my.library\",otel_scope_version=\"1.0.0\"} 1\n",
        "my_histogram_bucket{job=\"my.service\",le=\"+Inf\",my_histogram_attr=\"some value\",otel_scope_name=\"my.library\",otel_scope_version=\"1.0.0\"} 2\n",
        "my_histogram_sum{job=\"my.service\",my_histogram_attr=\"some value\",otel_scope_name=\"my.library\",otel_scope_version=\"1.0.0\"} 2\n",
        "my_histogram_count{job=\"my.service\",my_histogram_attr=\"some value\",otel_scope_name=\"my.library\",otel_scope_version=\"1.0.0\"} 2\n");
    assertThat(text).doesNotContain("exponential").doesNotContain("target_info");
    assertThat(ingester.dropped()).isEqualTo(java.util.Map.of("exponential_histogram", 1L));
    assertThat(PromtoolCheck.run(text).parsed()).as(text).isTrue();
    assertThat(store.select(List.of(LabelMatcher.eq("__name__", "my_counter_total")), 0, Long.MAX_VALUE).get(0)
        .samples().get(0).timestampMs()).isEqualTo(1544712660300L);
  }
}
