package io.pipelens.alerts.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.PlatformServer.Request;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.SlackConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server answering like Slack incoming webhooks ("ok", invalid_blocks, 429). */
class SlackNotifierTest extends NotifierContract {
  static final String PATH = "/services/T000/B000/XXXX";
  static final ObjectMapper JSON = new ObjectMapper();
  TestIntegrations env;
  PlatformServer slack;
  final List<JsonNode> accepted = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    slack = new PlatformServer(this::verify);
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  private Answer verify(Request r) {
    try {
      if (!r.path().equals(PATH)) return Answer.json(404, "no_service");
      if (!r.method().equals("POST") || !r.header("Content-Type").startsWith("application/json")) return Answer.json(400, "invalid_payload");
      JsonNode b = JSON.readTree(r.body());
      if (!b.path("text").isTextual() || !b.path("blocks").isArray()) return Answer.json(400, "invalid_payload");
      for (JsonNode block : b.path("blocks")) {
        if (block.path("type").asText().equals("section") && block.path("text").path("text").asText().length() > 3000) {
          return Answer.json(400, "invalid_blocks");
        }
      }
      synchronized (accepted) {
        accepted.add(b);
      }
      return Answer.json(200, "ok");
    } catch (Exception e) {
      return Answer.json(400, "invalid_payload");
    }
  }

  private String receiver(String extra) {
    return "    slack_configs:\n      - api_url: " + slack.url(PATH) + "\n        channel: '#data-alerts'\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    SlackConfig c = TestIntegrations.config(receiver("")).receivers().get(0).slackConfigs().get(0);
    return new SlackNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), 0);
  }

  @Override
  protected List<String> delivered() {
    synchronized (accepted) {
      return accepted.stream().map(JsonNode::toString).toList();
    }
  }

  @Override
  protected boolean failNextTransiently() {
    slack.enqueue(new Answer(429, "rate_limited", Map.of("Retry-After", "1")));
    return true;
  }

  @Test
  void textAndBlocksCarryTitleAndAlerts() throws Exception {
    notifier().send(TestAlerts.chineseFiring());

    JsonNode b = accepted.get(0);
    assertThat(b.path("channel").asText()).isEqualTo("#data-alerts");
    assertThat(b.path("text").asText()).startsWith("[FIRING:1] PipelineLag");
    assertThat(b.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(b.path("blocks").get(1).path("text").path("text").asText()).contains("*PipelineLag*: 数据管道延迟超过 5 分钟 (firing)");
    assertThat(b.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
  }

  @Test
  void longTextStaysWithinSlackSectionLimit() throws Exception {
    var base = TestAlerts.chineseFiring();
    var n = new io.pipelens.alerts.notify.Notification(base.receiver(), base.groupKey(), base.groupLabels(),
        List.of(TestAlerts.firing("Big", Map.of(), "x".repeat(5000))), base.now(), "");
    notifier().send(n);
    assertThat(accepted).hasSize(1);
  }

  @Test
  void rateLimitedIsRetriedAfterRetryAfterAndSlackErrorsAreNot() throws Exception {
    slack.enqueue(new Answer(429, "rate_limited", Map.of("Retry-After", "2")));
    env.receiver(receiver("")).get(0).send(TestAlerts.chineseFiring());
    assertThat(accepted).hasSize(1);
    assertThat(env.sleeper.sleeps()).contains(Duration.ofSeconds(2));

    slack.enqueue(Answer.json(404, "channel_not_found"));
    NotifyException e = catchThrowableOfType(() -> env.receiver(receiver("")).get(0).send(TestAlerts.chineseFiring()), NotifyException.class);
    assertThat(e.reason()).isEqualTo("http_404");
    assertThat(e.getMessage()).contains("channel_not_found").doesNotContain("XXXX");
  }
}
