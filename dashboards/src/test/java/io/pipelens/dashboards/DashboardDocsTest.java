package io.pipelens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every query of every generated dashboard parses with pipelens' PromQL parser and uses only
 * metrics and labels the docs' metric tables define (docs/metrics.md, the self-metrics of
 * docs/ingest.md, and the names docs/dashboards.md reserves for metrics not exposed yet).
 */
class DashboardDocsTest {
  /** Labels no doc table lists, with the reason a dashboard may still use them. */
  static final Map<String, String> LABELS_NOT_IN_TABLES = Map.of(
      "instance", "target label Prometheus adds to every series it scrapes from /metrics (the Collector "
          + "dashboard's instance variable); absent when Grafana queries the collector directly");

  static MetricCatalog docs() {
    return DocumentedMetrics.read(RepoPaths.docs().resolve("metrics.md"), RepoPaths.docs().resolve("ingest.md"),
        RepoPaths.docs().resolve("dashboards.md"));
  }

  @Test
  void everyQueryParsesAndUsesOnlyDocumentedMetricsAndLabels() {
    List<DashboardQuery> queries = DashboardQueries.all(RepoPaths.generated());
    assertThat(queries).hasSizeGreaterThan(50);
    assertThat(queries).extracting(DashboardQuery::dashboard).containsOnly("pipelens-alerts.json",
        "pipelens-drift.json", "pipelens-errors.json", "pipelens-overview.json", "pipelens-self.json");
    List<String> problems = new QueryMetricCheck(docs(), Map.of(), LABELS_NOT_IN_TABLES).problems(queries);
    assertThat(problems).as("dashboard queries against the docs").isEmpty();
  }

  @Test
  void theDocTablesAreRead() {
    MetricCatalog docs = docs();
    assertThat(docs.labels("pipelens_spans_total")).hasValue(
        Set.of("service", "operation", "language", "span_kind", "status_code"));
    assertThat(docs.labels("pipelens_span_duration_seconds_bucket")).hasValueSatisfying(
        l -> assertThat(l).contains("le", "service", "status_code"));
    assertThat(docs.labels("pipelens_store_commit_batches_sum")).hasValue(Set.of());
    assertThat(docs.labels("pipelens_store_items")).hasValue(Set.of("signal"));
    assertThat(docs.labels("pipelens_ingest_items_rejected_total")).hasValue(Set.of("signal", "protocol", "reason"));
    assertThat(docs.labels("pipelens_spans")).isEmpty();
  }

  @Test
  void aRenamedMetricOrLabelOrABadExpressionIsReported() {
    List<DashboardQuery> queries = List.of(
        new DashboardQuery("x.json", "x.json panel 'renamed' query A",
            "sum by (service) (rate(pipelens_span_total{service=~\"$service\"}[$__rate_interval]))", null),
        new DashboardQuery("x.json", "x.json panel 'label' query A",
            "sum by (service) (rate(pipelens_spans_total{svc=~\"$service\"}[$__rate_interval]))", null),
        new DashboardQuery("x.json", "x.json panel 'grouping' query A",
            "sum by (model) (rate(pipelens_spans_total[$__range]))", null),
        new DashboardQuery("x.json", "x.json variable 'v'", "pipelens_errors_total", "operation"),
        new DashboardQuery("x.json", "x.json panel 'syntax' query A", "sum(rate(pipelens_spans_total[5m])", null));
    List<String> problems = new QueryMetricCheck(docs(), Map.of(), Map.of()).problems(queries);
    assertThat(problems).hasSize(5);
    assertThat(problems.get(0)).contains("'renamed'", "`pipelens_span_total` is not in docs/metrics.md");
    assertThat(problems.get(1)).contains("label `svc` of `pipelens_spans_total`");
    assertThat(problems.get(2)).contains("label `model`");
    assertThat(problems.get(3)).contains("variable 'v'", "`operation` of `pipelens_errors_total`");
    assertThat(problems.get(4)).contains("parser rejects");
    // an exempted name is not reported
    assertThat(new QueryMetricCheck(docs(), new TreeMap<>(Map.of("pipelens_span_total", "test")), Map.of())
        .problems(queries.subList(0, 1))).isEmpty();
  }
}
