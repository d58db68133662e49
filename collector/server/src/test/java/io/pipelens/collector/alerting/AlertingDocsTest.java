package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/alerting.md: the collector.yml loads and the collector runs the routing file. */
class AlertingDocsTest {
  @TempDir Path dir;

  static String yamlBlock(String md, int fromIndex) {
    int start = md.indexOf("```yaml\n", fromIndex) + "```yaml\n".length();
    return md.substring(start, md.indexOf("```", start));
  }

  static Path docs() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/alerting.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("docs/alerting.md not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("docs/alerting.md");
  }

  @Test
  void collectorExampleLoadsAndRunsTheFullRoutingExample() throws Exception {
    String md = Files.readString(docs());
    Path routing = Files.writeString(dir.resolve("alertmanager.yml"), yamlBlock(md, 0));
    String collectorYaml = yamlBlock(md, md.indexOf("## In the collector"))
        .replace("/etc/pipelens/alertmanager.yml", routing.toString());
    Path collectorFile = Files.writeString(dir.resolve("collector.yml"), collectorYaml);

    CollectorConfig config = ConfigLoader.load(collectorFile, Map.of());
    assertThat(config.alerting().listener().port()).isEqualTo(9093);
    assertThat(config.alerting().alertmanagers())
        .containsExactly(URI.create("http://alertmanager-1:9093"), URI.create("http://alertmanager-2:9093"));

    try (AlertingCollector c = new AlertingCollector(dir.resolve("data"), cfg -> cfg.withAlerting(
        config.alerting().withListener(cfg.alerting().listener()).withAlertmanagers(java.util.List.of())))) {
      assertThat(c.get("/api/v2/receivers").body()).contains("data-oncall").contains("ml-wecom");
      assertThat(c.get("/api/v2/status").body()).contains("office-hours").doesNotContain("app-password");
    }
  }
}
