package io.pipelens.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.alerts.promql.ast.SelectorReferences;
import io.pipelens.alerts.promql.parse.GrafanaVariables;
import io.pipelens.alerts.promql.parse.PromqlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real collector receives pipeline telemetry from the OpenTelemetry Java SDK, python3 with
 * pipelens' Python client and Rscript with its R package (spans, errors in each language, OTLP
 * metrics, model samples that drift, and a client sending bad data), evaluates a user's rule file
 * (traffic/rules.yml: an alert on drift) and notifies a webhook receiver; then every metric and
 * label the dashboards query must be on its {@code /metrics} page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardLiveTest {
  /**
   * Metrics the dashboards query that this traffic cannot make the collector expose, with the
   * reason. When one appears anyway its labels are checked like the others.
   */
  static final Map<String, String> NOT_PRODUCED_BY_TRAFFIC = Map.of(
      "pipelens_drift_retrain_triggers_total", "counted when drift triggers a configured retraining action "
          + "(command, webhook, amqp); the test collector configures none");

  LiveCollector c;
  String page;

  @BeforeAll
  void sendPipelineTraffic() throws Exception {
    Path library = PipelineTraffic.installRPackage();
    c = new LiveCollector();
    Path spool = Files.createTempDirectory("pipelens-spool");
    PipelineTraffic.javaSdk(c.otlpHttp());
    PipelineTraffic.badClient(c);
    // reference rows from Python, then a shifted window from R: model churn/3 drifts
    PipelineTraffic.python(c, spool, LiveCollector.DRIFT_ROWS);
    PipelineTraffic.r(c, spool, library, LiveCollector.DRIFT_ROWS);
    // the Java pipeline runs again: increase()/rate() only count what happens after a series'
    // first sample, so a counter that appears once and never grows shows no increase (Prometheus too)
    PipelineTraffic.javaSdk(c.otlpHttp());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      page = c.get("/metrics").body();
      assertThat(page)
          .contains("pipelens_errors_total{", "language=\"java\"", "language=\"python\"", "language=\"r\"")
          .containsPattern("pipelens_errors_total\\{[^}]*language=\"r\"")
          .containsPattern("pipelens_errors_total\\{[^}]*language=\"python\"")
          .contains("pipelens_drift_detected{feature=\"age\"", "pipelens_drift_dataset_share{")
          .contains("rows_processed_total{", "py_rows_processed_total{", "r_rows_processed_total{")
          .contains("pipelens_ingest_items_rejected_total{", "pipelens_ingest_requests_rejected_total{")
          .containsPattern("pipelens_spans_total\\{language=\"java\",operation=\"load\"[^}]*} 2")
          // the test's rule fires on the drift, the collector's Alertmanager notifies the webhook
          .contains("ALERTS{alertname=\"FeatureDrifting\"", "pipelens_rule_group_last_duration_seconds{")
          .containsPattern("pipelens_notifications_total\\{[^}]*outcome=\"sent\"")
          .containsPattern("pipelens_notifications_total\\{[^}]*outcome=\"failed\"");
    });
  }

  @AfterAll
  void stop() throws Exception {
    if (c != null) {
      c.close();
    }
  }

  @Test
  void everyMetricAndLabelTheDashboardsQueryIsOnTheMetricsPage() {
    MetricCatalog exposed = ExposedMetrics.parse("the collector's /metrics after Java, Python and R traffic", page);
    List<DashboardQuery> queries = DashboardQueries.all(RepoPaths.generated());
    List<String> problems = new QueryMetricCheck(exposed, NOT_PRODUCED_BY_TRAFFIC,
        DashboardDocsTest.LABELS_NOT_IN_TABLES).problems(queries);
    assertThat(problems).as("dashboard queries against /metrics:%n%s", page).isEmpty();
  }

  @Test
  void everyExemptionIsForAMetricADashboardQueries() {
    Set<String> queried = new TreeSet<>();
    for (DashboardQuery q : DashboardQueries.all(RepoPaths.generated())) {
      queried.addAll(SelectorReferences.of(PromqlParser.parse(GrafanaVariables.substitute(q.expr()))).metricNames());
    }
    assertThat(queried).containsAll(NOT_PRODUCED_BY_TRAFFIC.keySet());
  }

  /**
   * Every panel query, sent as Grafana sends it (variables at All; instant panels to
   * /api/v1/query, time series to /api/v1/query_range over the last minute), answers success with
   * at least one finite value, and every variable lists values; only queries of a metric in
   * {@link #NOT_PRODUCED_BY_TRAFFIC} (or variables of a label no collector series has) may be empty.
   */
  @Test
  void everyPanelQueryReturnsDataThroughTheCollectorsPrometheusApi() throws Exception {
    List<String> empty = new java.util.ArrayList<>();
    long now = System.currentTimeMillis() / 1000;
    for (DashboardQuery q : DashboardQueries.all(RepoPaths.generated())) {
      String expr = GrafanaInterpolation.atAll(q.expr(), "1m", "1m");
      java.net.http.HttpResponse<String> r;
      if (q.isVariable()) {
        r = c.postForm("/api/v1/label/" + q.variableLabel() + "/values",
            Map.of("match[]", expr, "start", Long.toString(now - 3600), "end", Long.toString(now)));
      } else if (q.instant()) {
        r = c.postForm("/api/v1/query", Map.of("query", expr, "time", Long.toString(now)));
      } else {
        r = c.postForm("/api/v1/query_range", Map.of("query", expr, "start", Long.toString(now - 60),
            "end", Long.toString(now), "step", "5"));
      }
      assertThat(r.statusCode()).as("%s: %s answered %s", q.where(), expr, r.body()).isEqualTo(200);
      com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(r.body()).path("data");
      boolean hasData = q.isVariable() ? data.size() > 0 : hasFiniteValue(data.path("result"));
      Set<String> metrics = SelectorReferences.of(PromqlParser.parse(GrafanaVariables.substitute(q.expr()))).metricNames();
      boolean mayBeEmpty = metrics.stream().anyMatch(NOT_PRODUCED_BY_TRAFFIC::containsKey)
          || (q.isVariable() && DashboardDocsTest.LABELS_NOT_IN_TABLES.containsKey(q.variableLabel()));
      if (!hasData && !mayBeEmpty) {
        empty.add(q.where() + ": " + expr + " -> " + r.body());
      }
    }
    assertThat(empty).as("queries without data after the traffic").isEmpty();
  }

  private static boolean hasFiniteValue(com.fasterxml.jackson.databind.JsonNode result) {
    for (com.fasterxml.jackson.databind.JsonNode series : result) {
      com.fasterxml.jackson.databind.JsonNode points = series.has("values") ? series.path("values")
          : new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(series.path("value"));
      for (com.fasterxml.jackson.databind.JsonNode p : points) {
        double v = Double.parseDouble(p.path(1).asText("NaN").replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
        if (Double.isFinite(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Debian's real Prometheus scrapes the same collector's /metrics: simple queries answer the same
   * through it and through the collector's own query API (its job/instance labels aggregated away).
   */
  @Test
  void simpleQueriesAgreeWithARealPrometheusScrapingTheCollector() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("pipelens-prometheus");
    Files.writeString(dir.resolve("prometheus.yml"), """
        global: {scrape_interval: 1s}
        scrape_configs:
          - job_name: pipelens
            static_configs: [{targets: ['127.0.0.1:%d']}]
        """.formatted(c.collector.ports().http()));
    Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      List<String> queries = List.of("sum(pipelens_spans_total)", "sum by (language) (pipelens_errors_total)",
          "count(pipelens_drift_score)", "sum(pipelens_drift_detected)");
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        for (String q : queries) {
          assertThat(resultOf(c.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                  "http://127.0.0.1:" + port + "/api/v1/query?query=" + java.net.URLEncoder.encode(q,
                      java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
              java.net.http.HttpResponse.BodyHandlers.ofString()).body()))
              .as("%s (prometheus log %s)", q, dir.resolve("prometheus.log"))
              .isNotEmpty()
              .isEqualTo(resultOf(c.postForm("/api/v1/query", Map.of("query", q)).body()));
        }
      });
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  /** A vector result as "labels=value" lines, sorted, timestamps left out. */
  private static List<String> resultOf(String body) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode r : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)
        .path("data").path("result")) {
      out.add(r.path("metric").toString() + "=" + r.path("value").path(1).asText());
    }
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void theTrafficReachedTheCollectorFromEachLanguage() {
    assertThat(page)
        .containsPattern("pipelens_spans_total\\{language=\"python\",operation=\"py-parse\",service=\"features-py\","
            + "span_kind=\"internal\",status_code=\"error\"} 1")
        .containsPattern("pipelens_spans_total\\{language=\"r\",operation=\"r-parse\",service=\"score-r\","
            + "span_kind=\"internal\",status_code=\"error\"} 1")
        .containsPattern("pipelens_spans_total\\{language=\"java\",operation=\"load\",service=\"train-model\","
            + "span_kind=\"internal\",status_code=\"error\"} 2")
        .contains("pipelens_drift_detected{feature=\"age\",method=\"ks\",model=\"churn\",version=\"3\"} 1");
  }
}
