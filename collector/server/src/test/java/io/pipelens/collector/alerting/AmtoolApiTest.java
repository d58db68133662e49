package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's Alertmanager API v2 driven by Debian's real amtool. */
class AmtoolApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = """
      global:
        smtp_smarthost: 127.0.0.1:2525
        smtp_from: pipelens@example.com
        smtp_auth_username: alerts
        smtp_auth_password: hunter2-secret
        smtp_require_tls: false
      route:
        receiver: mail
        group_by: [alertname, pipeline]
        group_wait: 1h          # nothing is sent in this test
        routes:
          - matchers: ['severity="critical"']
            receiver: oncall
            continue: true
          - matchers: ['team="ml"']
            receiver: ml
      receivers:
        - name: mail
          email_configs: [{to: data@example.com}]
        - name: oncall
          webhook_configs: [{url: 'http://127.0.0.1:9/hook?token=abc'}]
        - name: ml
          webhook_configs: [{url: 'http://127.0.0.1:9/ml'}]
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [pipeline]
      """;

  @TempDir Path dir;
  Path configFile;
  AlertingCollector c;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Amtool.installed(), "amtool (Debian prometheus-alertmanager) is required");
    configFile = dir.resolve("alertmanager.yml");
    Files.writeString(configFile, CONFIG);
    c = new AlertingCollector(dir.resolve("data"), AlertingCollector.routing(configFile));
  }

  @AfterEach
  void stop() throws Exception {
    if (c != null) {
      c.close();
    }
  }

  Amtool.Result amtool(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "--alertmanager.url=" + c.url();
    System.arraycopy(args, 0, all, 1, args.length);
    Amtool.Result r = Amtool.run(all);
    assertThat(r.exit()).as("amtool %s: %s", Arrays.toString(args), r.err()).isZero();
    return r;
  }

  /** Alert names of {@code amtool alert query} simple output (first column after the header). */
  List<String> queryNames(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "alert";
    all[1] = "query";
    System.arraycopy(args, 0, all, 2, args.length);
    List<String> lines = amtool(all).lines();
    assertThat(lines.get(0)).startsWith("Alertname").contains("Starts At").contains("Summary");
    return lines.stream().skip(1).map(l -> l.split("\\s{2,}")[0]).sorted().toList();
  }

  @Test
  void amtoolChecksTheConfigurationTheCollectorRunsWith() throws Exception {
    Amtool.Result r = Amtool.run("check-config", configFile.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("SUCCESS").contains("3 receivers").contains("1 inhibit rules");
  }

  @Test
  void alertsAddedWithAmtoolAreQueriedSilencedAndExpired() throws Exception {
    amtool("alert", "add", "alertname=PipelineLag", "pipeline=train", "severity=critical",
        "--annotation=summary=train is 20m behind");
    amtool("alert", "add", "alertname=RowsDropped", "pipeline=train", "severity=warning");
    amtool("alert", "add", "alertname=ModelDrift", "pipeline=churn", "team=ml");

    // the warning is inhibited by the critical alert of the same pipeline
    assertThat(queryNames()).containsExactly("ModelDrift", "PipelineLag");
    assertThat(queryNames("--inhibited")).contains("RowsDropped");
    assertThat(queryNames("alertname=PipelineLag")).containsExactly("PipelineLag");
    Amtool.Result simple = amtool("alert", "query", "alertname=PipelineLag");
    assertThat(simple.lines().get(1)).contains("train is 20m behind");

    String id = amtool("silence", "add", "pipeline=churn", "--comment=retraining the churn model",
        "--author=alice", "--duration=1h").out().trim();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(queryNames()).containsExactly("PipelineLag");
    assertThat(queryNames("--silenced")).contains("ModelDrift");

    JsonNode silenced = alerts("filter=alertname%3D%22ModelDrift%22");
    assertThat(silenced).hasSize(1);
    assertThat(silenced.get(0).path("status").path("state").asText()).isEqualTo("suppressed");
    assertThat(silenced.get(0).path("status").path("silencedBy").get(0).asText()).isEqualTo(id);

    List<String> table = amtool("silence", "query").lines();
    assertThat(table.get(0)).startsWith("ID").contains("Matchers").contains("Created By");
    assertThat(table.get(1)).startsWith(id).contains("pipeline=\"churn\"").contains("alice")
        .contains("retraining the churn model");
    assertThat(amtool("silence", "query", "--quiet", "pipeline=churn").lines()).containsExactly(id);
    assertThat(amtool("silence", "query", "--quiet", "pipeline=train").lines()).isEmpty();

    // RowsDropped inhibited, ModelDrift silenced
    assertThat(c.metrics()).contains("pipelens_alerts{state=\"suppressed\"} 2.0")
        .contains("pipelens_alerts{state=\"active\"} 1.0");

    amtool("silence", "expire", id);
    assertThat(amtool("silence", "query", "--quiet").lines()).isEmpty();
    assertThat(amtool("silence", "query", "--quiet", "--expired").lines()).containsExactly(id);
    assertThat(queryNames()).containsExactly("ModelDrift", "PipelineLag");
  }

  @Test
  void receiversAgreeWithAmtoolsRoutingTest() throws Exception {
    List<List<String>> labelSets = List.of(
        List.of("alertname=A", "severity=critical"),
        List.of("alertname=B", "severity=critical", "team=ml"),
        List.of("alertname=C", "team=ml"),
        List.of("alertname=D", "severity=info"));
    for (List<String> labels : labelSets) {
      amtool(concat(List.of("alert", "add"), labels));
      String expected = Amtool.run(concat(List.of("config", "routes", "test",
          "--config.file=" + configFile), labels)).out().trim();
      JsonNode alert = alerts("filter=" + labels.get(0).replace("=", "%3D")).get(0);
      List<String> receivers = JSON.convertValue(alert.path("receivers").findValuesAsText("name"),
          JSON.getTypeFactory().constructCollectionType(List.class, String.class));
      assertThat(String.join(",", receivers)).as("receivers of %s", labels).isEqualTo(expected);
    }
  }

  @Test
  void statusShowsTheConfigurationWithoutSecrets() throws Exception {
    String shown = amtool("config", "show").out();
    assertThat(shown).contains("receiver: oncall").contains("smtp_auth_password: <secret>")
        .doesNotContain("hunter2-secret").doesNotContain("token=abc");
    JsonNode status = JSON.readTree(c.get("/api/v2/status").body());
    assertThat(status.path("cluster").path("status").asText()).isEqualTo("disabled");
    assertThat(status.path("uptime").asText()).endsWith("Z");
    assertThat(status.path("versionInfo").path("version").asText()).startsWith("pipelens");
    assertThat(c.get("/api/v2/receivers").body())
        .isEqualTo("[{\"name\":\"mail\"},{\"name\":\"oncall\"},{\"name\":\"ml\"}]");
    assertThat(c.get("/-/healthy").statusCode()).isEqualTo(200);
    assertThat(c.get("/-/ready").body()).isEqualTo("OK");
  }

  @Test
  void badRequestsGetAlertmanagersAnswers() throws Exception {
    var empty = c.post("/api/v2/alerts", "[{\"labels\":{\"a\":\"\"}},{\"labels\":{\"alertname\":\"Ok\"}}]");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).isEqualTo("\"at least one label pair required\"");
    assertThat(alerts("")).hasSize(1); // the valid alert of the same body is kept, as in Alertmanager

    var backwards = c.post("/api/v2/alerts", "[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2026-01-02T00:00:00Z\","
        + "\"endsAt\":\"2026-01-01T00:00:00Z\"}]");
    assertThat(backwards.body()).isEqualTo("\"start time must be before end time\"");
    var notJson = c.post("/api/v2/alerts", "{nope");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).path("message").asText()).contains("body is not valid JSON");

    var filter = c.get("/api/v2/alerts?filter=foo~");
    assertThat(filter.statusCode()).isEqualTo(400);
    assertThat(filter.body()).isEqualTo("\"bad matcher format: foo~\"");
    assertThat(c.get("/api/v2/alerts?receiver=(").body()).startsWith("\"failed to parse receiver param: ");

    var emptySilence = c.post("/api/v2/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"\",\"isRegex\":false}],"
        + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"x\",\"comment\":\"c\"}");
    assertThat(emptySilence.statusCode()).isEqualTo(400);
    assertThat(emptySilence.body()).isEqualTo("\"silence invalid: matchers: at least one matcher must not match the empty string\"");
    assertThat(c.get("/api/v2/silence/6a3b2d0e-52f9-4b9a-9d3d-3f0d4f1e0e11").statusCode()).isEqualTo(404);
  }

  @Test
  void groupsAreListedPerRouteAndGroupLabels() throws Exception {
    amtool("alert", "add", "alertname=PipelineLag", "pipeline=train", "instance=a", "severity=critical");
    amtool("alert", "add", "alertname=PipelineLag", "pipeline=train", "instance=b", "severity=critical");
    JsonNode groups = JSON.readTree(c.get("/api/v2/alerts/groups").body());
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).path("receiver").path("name").asText()).isEqualTo("oncall");
    assertThat(groups.get(0).path("labels").toString()).isEqualTo("{\"alertname\":\"PipelineLag\",\"pipeline\":\"train\"}");
    assertThat(groups.get(0).path("alerts").findValuesAsText("instance")).containsExactly("a", "b");
    assertThat(JSON.readTree(c.get("/api/v2/alerts/groups?receiver=mail").body())).isEmpty();
  }

  JsonNode alerts(String query) throws Exception {
    var r = c.get("/api/v2/alerts" + (query.isEmpty() ? "" : "?" + query));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }
}
