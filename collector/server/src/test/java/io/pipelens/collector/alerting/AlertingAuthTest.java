package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelens.collector.config.CollectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alertmanager API follows the collector's query token; amtool passes it with --http.config.file. */
class AlertingAuthTest {
  @TempDir Path dir;

  @Test
  void amtoolNeedsTheQueryTokenAndProbesDoNot() throws Exception {
    assumeTrue(Amtool.installed(), "amtool (Debian prometheus-alertmanager) is required");
    Path queryAuth = dir.resolve("query.yml");
    Files.writeString(queryAuth, "authorization:\n  type: Bearer\n  credentials: query-secret\n");
    Path ingestAuth = dir.resolve("ingest.yml");
    Files.writeString(ingestAuth, "authorization:\n  credentials: ingest-secret\n");
    try (AlertingCollector c = new AlertingCollector(dir.resolve("data"),
        cfg -> cfg.withAuth(new CollectorConfig.Auth("ingest-secret", "query-secret")))) {
      String url = "--alertmanager.url=" + c.url();

      Amtool.Result anonymous = Amtool.run(url, "alert", "add", "alertname=Lag");
      assertThat(anonymous.exit()).isNotZero();
      assertThat(anonymous.err()).contains("401");
      Amtool.Result wrongScope = Amtool.run(url, "--http.config.file=" + ingestAuth, "alert", "query");
      assertThat(wrongScope.exit()).isNotZero();
      assertThat(wrongScope.err()).contains("403");
      assertThat(c.get("/api/v2/alerts").statusCode()).isEqualTo(401);

      Amtool.Result added = Amtool.run(url, "--http.config.file=" + queryAuth, "alert", "add", "alertname=Lag");
      assertThat(added.exit()).as(added.err()).isZero();
      Amtool.Result query = Amtool.run(url, "--http.config.file=" + queryAuth, "alert", "query");
      assertThat(query.exit()).as(query.err()).isZero();
      assertThat(query.lines()).hasSize(2);
      assertThat(query.lines().get(1)).startsWith("Lag");

      assertThat(c.get("/-/healthy").statusCode()).isEqualTo(200);
      assertThat(c.get("/-/ready").statusCode()).isEqualTo(200);
    }
  }
}
