package io.pipelens.collector.prom.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pushing the committed dashboards and the data sources to a Grafana (its documented HTTP API). */
class GrafanaProvisionerTest {
  static final String TOKEN = "glsa_test";

  static Path generated() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("dashboards/generated"))) {
        return d.resolve("dashboards/generated");
      }
    }
    throw new IllegalStateException("dashboards/generated not found above " + Path.of("").toAbsolutePath());
  }

  static GrafanaSettings settings(String grafanaUrl, String token) {
    return GrafanaSettings.from(Map.of("collector.grafana.url", grafanaUrl,
            "collector.grafana.collector-url", "http://collector.example:8080/",
            "collector.grafana.dashboards-dir", generated().toString()),
        Map.of("GRAFANA_TOKEN", token), 8080);
  }

  @Test
  void createsThenUpdatesDataSourcesFolderAndEveryDashboard() throws Exception {
    try (FakeGrafana grafana = new FakeGrafana(TOKEN)) {
      List<String> first = new GrafanaProvisioner(settings(grafana.url(), TOKEN)).push(9411, 16686, "q-secret");
      assertThat(first).containsExactly(
          "data source pipelens-prometheus: created", "data source pipelens-zipkin: created",
          "data source pipelens-jaeger: created", "folder pipelens: created",
          "dashboard pipelens-alerts: saved", "dashboard pipelens-drift: saved", "dashboard pipelens-errors: saved",
          "dashboard pipelens-overview: saved", "dashboard pipelens-self: saved");
      assertThat(grafana.calls).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + TOKEN));
      assertThat(grafana.calls).filteredOn(c -> c.body() != null)
          .allSatisfy(c -> assertThat(c.contentType()).isEqualTo("application/json"));
      var prom = grafana.datasources.get("pipelens-prometheus");
      assertThat(prom.path("type").asText()).isEqualTo("prometheus");
      assertThat(prom.path("url").asText()).isEqualTo("http://collector.example:8080");
      assertThat(prom.path("access").asText()).isEqualTo("proxy");
      assertThat(prom.path("jsonData").path("httpMethod").asText()).isEqualTo("POST");
      assertThat(prom.path("jsonData").path("httpHeaderName1").asText()).isEqualTo("Authorization");
      assertThat(prom.path("secureJsonData").path("httpHeaderValue1").asText()).isEqualTo("Bearer q-secret");
      assertThat(grafana.datasources.get("pipelens-zipkin").path("url").asText()).isEqualTo("http://collector.example:9411");
      assertThat(grafana.datasources.get("pipelens-jaeger").path("url").asText()).isEqualTo("http://collector.example:16686");
      assertThat(grafana.folders.get("pipelens").path("title").asText()).isEqualTo("pipelens");
      var overview = grafana.dashboards.get("pipelens-overview");
      assertThat(overview.path("folderUid").asText()).isEqualTo("pipelens");
      assertThat(overview.path("overwrite").asBoolean()).isTrue();
      assertThat(overview.path("dashboard").path("id").isNull()).isTrue();
      assertThat(overview.path("dashboard").path("title").asText()).isEqualTo("pipelens / Pipelines overview");

      grafana.calls.clear();
      List<String> second = new GrafanaProvisioner(settings(grafana.url(), TOKEN)).push(9411, -1, "");
      assertThat(second).startsWith("data source pipelens-prometheus: updated", "data source pipelens-zipkin: updated",
          "folder pipelens: exists").hasSize(8);
      assertThat(grafana.calls).extracting(c -> c.method() + " " + c.path()).startsWith(
          "GET /api/datasources/uid/pipelens-prometheus", "PUT /api/datasources/uid/pipelens-prometheus");
      assertThat(grafana.datasources.get("pipelens-prometheus").has("secureJsonData")).isFalse();
      // the update carries the id Grafana gave the data source
      assertThat(grafana.datasources.get("pipelens-prometheus").path("id").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aRefusedTokenIsReportedNamingTheRequestAndTheVariable() throws Exception {
    try (FakeGrafana grafana = new FakeGrafana(TOKEN)) {
      assertThatThrownBy(() -> new GrafanaProvisioner(settings(grafana.url(), "wrong")).push(9411, 16686, ""))
          .isInstanceOf(GrafanaException.class)
          .hasMessage("GET /api/datasources/uid/pipelens-prometheus: Grafana answered 401 (check the service account "
              + "token in $GRAFANA_TOKEN): Unauthorized");
      assertThat(grafana.datasources).isEmpty();
    }
  }

  @Test
  void aPreconditionFailureIsExplained() throws Exception {
    try (FakeGrafana grafana = new FakeGrafana(TOKEN)) {
      GrafanaClient client = new GrafanaClient(java.net.URI.create(grafana.url()), TOKEN, "GRAFANA_TOKEN",
          java.time.Duration.ofSeconds(10));
      client.ensureFolder("pipelens", "pipelens");
      var dashboard = GrafanaClient.JSON.createObjectNode().put("uid", "x").put("title", "x");
      client.saveDashboard(dashboard, "pipelens", "first");
      // Grafana answers 412 when a save would replace a dashboard it may not overwrite
      grafana.refuseOverwrite = true;
      assertThatThrownBy(() -> client.saveDashboard(dashboard, "pipelens", "second"))
          .isInstanceOf(GrafanaException.class)
          .hasMessageStartingWith("POST /api/dashboards/db (x): Grafana answered 412 (precondition failed")
          .hasMessageEndingWith(": The dashboard has been changed by someone else")
          .satisfies(e -> assertThat(((GrafanaException) e).status()).isEqualTo(412));
    }
  }

  @Test
  void anUnreachableGrafanaIsReported() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    assertThatThrownBy(() -> new GrafanaProvisioner(settings("http://127.0.0.1:" + closed, TOKEN)).push(9411, 16686, ""))
        .isInstanceOf(GrafanaException.class)
        .hasMessageStartingWith("GET http://127.0.0.1:" + closed + "/api/datasources/uid/pipelens-prometheus: cannot reach Grafana")
        .satisfies(e -> assertThat(((GrafanaException) e).status()).isZero());
  }

  @Test
  void badSettingsAreAllReportedByKey() {
    assertThat(GrafanaSettings.from(Map.of(), Map.of(), 8080).enabled()).isFalse();
    assertThatThrownBy(() -> GrafanaSettings.from(Map.of("collector.grafana.url", "grafana:3000",
            "collector.grafana.folder-uid", "no spaces", "collector.grafana.dashboards-dir", "/nonexistent"),
        Map.of(), 8080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collector.grafana.url: expected an http or https URL such as http://grafana:3000, got 'grafana:3000'")
        .hasMessageContaining("collector.grafana.token-env: environment variable GRAFANA_TOKEN is not set")
        .hasMessageContaining("collector.grafana.folder-uid: expected 1-40 letters")
        .hasMessageContaining("collector.grafana.dashboards-dir: /nonexistent is not a directory");
    GrafanaSettings s = GrafanaSettings.from(Map.of("collector.grafana.url", "https://grafana.example",
        "collector.grafana.token-env", "MY_TOKEN", "collector.grafana.dashboards-dir", generated().toString()),
        Map.of("MY_TOKEN", " t "), 18080);
    assertThat(s.collectorUrl()).hasToString("http://localhost:18080");
    assertThat(s.token()).isEqualTo("t");
    assertThat(s.toString()).doesNotContain("t,").doesNotContain(" t ");
  }
}
