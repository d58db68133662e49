package io.pipelens.collector.prom.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** collector.grafana.* from the YAML file and the environment, and the push at start-up. */
class GrafanaStartupPushTest {

  @Test
  void yamlKeysAndEnvironmentOverridesReachThePushWhichDoesItsWorkOffTheEventLoop() throws Exception {
    try (FakeGrafana grafana = new FakeGrafana("tok")) {
      Path file = Files.createTempFile("pipelens", ".yaml");
      Files.writeString(file, """
          collector:
            http: {port: 18080}
            grafana:
              url: http://nowhere.invalid:3000
              token-env: PIPELENS_GRAFANA_TOKEN
              folder-uid: observability
              dashboards-dir: %s
          """.formatted(GrafanaProvisionerTest.generated()));
      Map<String, String> env = Map.of("PIPELENS_COLLECTOR_GRAFANA_URL", grafana.url(), "PIPELENS_GRAFANA_TOKEN", "tok");
      CollectorConfig config = ConfigLoader.load(file, env);
      GrafanaSettings settings = GrafanaSettings.from(ConfigLoader.values(file, env), env, config.http().port());
      assertThat(settings.url()).hasToString(grafana.url());
      assertThat(settings.collectorUrl()).hasToString("http://localhost:18080");

      Vertx vertx = Vertx.vertx();
      try {
        List<String> done = GrafanaStartupPush.start(vertx, settings, 9411, 16686, "")
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(done).contains("folder observability: created", "dashboard pipelens-self: saved");
        assertThat(grafana.dashboards.get("pipelens-drift").path("folderUid").asText()).isEqualTo("observability");

        // a Grafana that refuses the token does not fail the collector: logged, empty result
        GrafanaSettings wrongToken = GrafanaSettings.from(ConfigLoader.values(file, env), Map.of("PIPELENS_GRAFANA_TOKEN", "nope"),
            config.http().port());
        assertThat(GrafanaStartupPush.start(vertx, wrongToken, 9411, 16686, "")
            .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS)).isEmpty();
        assertThat(GrafanaStartupPush.start(vertx, GrafanaSettings.from(Map.of(), Map.of(), 8080), 1, 1, "")
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)).isEmpty();
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
