package io.pipelens.alerts.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.config.WebhookConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest extends NotifierContract {
  static final ObjectMapper JSON = new ObjectMapper();
  TestIntegrations env;
  PlatformServer hook;

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    hook = new PlatformServer(r -> Answer.json(200, ""));
  }

  @AfterEach
  void stop() {
    hook.close();
  }

  private String receiver(String extra) {
    return "    webhook_configs:\n      - url: " + hook.url("/alerts") + "\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    WebhookConfig c = TestIntegrations.config(receiver("")).receivers().get(0).webhookConfigs().get(0);
    return new WebhookNotifier(c, new HttpPoster(), 0);
  }

  @Override
  protected List<String> delivered() {
    return hook.requests().stream().filter(r -> r.body().contains("\"version\"")).map(r -> r.body()).toList();
  }

  @Override
  protected boolean failNextTransiently() {
    hook.enqueue(Answer.json(503, ""));
    return true;
  }

  @Test
  void payloadIsAlertmanagerVersion4Exactly() throws Exception {
    Alert resolved = new Alert(Map.of("alertname", "PipelineLag", "pipeline", "etl"), Map.of("summary", "ok again"),
        TestAlerts.T0, TestAlerts.T0.plusSeconds(30), "http://prom/graph", TestAlerts.T0, false);
    Alert firing = TestAlerts.firing("PipelineLag", Map.of("pipeline", "train"), "slow");
    Notification n = new Notification("team-data", "{}:{alertname=\"PipelineLag\"}", Map.of("alertname", "PipelineLag"),
        List.of(firing, resolved), TestAlerts.T0.plusSeconds(60), "http://am.local");

    notifier().send(n);

    var req = hook.requests().get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.header("Content-Type")).startsWith("application/json");
    JsonNode p = JSON.readTree(req.body());
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) keys.add(it.next());
    assertThat(keys).containsExactlyInAnyOrder("receiver", "status", "alerts", "groupLabels", "commonLabels",
        "commonAnnotations", "externalURL", "version", "groupKey", "truncatedAlerts");
    assertThat(p.path("version").asText()).isEqualTo("4");
    assertThat(p.path("status").asText()).isEqualTo("firing");
    assertThat(p.path("receiver").asText()).isEqualTo("team-data");
    assertThat(p.path("groupKey").asText()).isEqualTo("{}:{alertname=\"PipelineLag\"}");
    assertThat(p.path("commonLabels").toString()).isEqualTo("{\"alertname\":\"PipelineLag\"}");
    assertThat(p.path("commonAnnotations").size()).isZero();
    assertThat(p.path("externalURL").asText()).isEqualTo("http://am.local");
    assertThat(p.path("truncatedAlerts").asInt()).isZero();
    JsonNode a0 = p.path("alerts").get(0);
    assertThat(a0.path("status").asText()).isEqualTo("firing");
    assertThat(a0.path("startsAt").asText()).isEqualTo("2026-03-01T08:00:00Z");
    assertThat(a0.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(a0.path("fingerprint").asText()).isEqualTo(firing.fingerprint()).hasSize(16);
    assertThat(a0.path("generatorURL").asText()).isEqualTo("http://prometheus.local/graph?g0.expr=up");
    JsonNode a1 = p.path("alerts").get(1);
    assertThat(a1.path("status").asText()).isEqualTo("resolved");
    assertThat(a1.path("endsAt").asText()).isEqualTo("2026-03-01T08:00:30Z");
  }

  @Test
  void maxAlertsTruncatesAndCountsTheRest() throws Exception {
    WebhookConfig c = TestIntegrations.config(receiver("        max_alerts: 1\n")).receivers().get(0).webhookConfigs().get(0);
    Notification n = new Notification("r", "k", Map.of(), List.of(TestAlerts.firing("A", Map.of(), "a"),
        TestAlerts.firing("B", Map.of(), "b"), TestAlerts.firing("C", Map.of(), "c")), TestAlerts.T0, "");

    new WebhookNotifier(c, new HttpPoster(), 0).send(n);

    JsonNode p = JSON.readTree(hook.requests().get(0).body());
    assertThat(p.path("alerts").size()).isEqualTo(1);
    assertThat(p.path("truncatedAlerts").asInt()).isEqualTo(2);
  }

  @Test
  void basicAuthFromHttpConfigIsSent() throws Exception {
    env.receiver(receiver("        http_config:\n          basic_auth: {username: am, password: s3cret}\n")).get(0)
        .send(TestAlerts.chineseFiring());

    assertThat(hook.requests().get(0).header("Authorization")).isEqualTo("Basic YW06czNjcmV0");
  }
}
