package io.pipelens.alerts.notify.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.PlatformServer.Request;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.WecomRobotConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server enforcing WeCom's group robot rules (key, msgtype, content byte limits). */
class WecomRobotNotifierTest extends NotifierContract {
  static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
  static final ObjectMapper JSON = new ObjectMapper();
  TestIntegrations env;
  PlatformServer wecom;
  final List<JsonNode> accepted = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    wecom = new PlatformServer(this::verify);
  }

  @AfterEach
  void stop() {
    wecom.close();
  }

  private Answer verify(Request r) {
    try {
      if (!r.path().equals("/cgi-bin/webhook/send") || !KEY.equals(r.query("key"))) {
        return Answer.json(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
      }
      if (!r.header("Content-Type").startsWith("application/json")) return Answer.json(200, "{\"errcode\":40035,\"errmsg\":\"bad content type\"}");
      JsonNode b = JSON.readTree(r.body());
      String type = b.path("msgtype").asText();
      String content = b.path(type).path("content").asText(null);
      int limit = type.equals("markdown") ? 4096 : type.equals("text") ? 2048 : -1;
      if (content == null || limit < 0) return Answer.json(200, "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}");
      if (content.getBytes(StandardCharsets.UTF_8).length > limit) {
        return Answer.json(200, "{\"errcode\":40058,\"errmsg\":\"content exceed max length " + limit + "\"}");
      }
      synchronized (accepted) {
        accepted.add(b);
      }
      return Answer.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    } catch (Exception e) {
      return Answer.json(200, "{\"errcode\":40035,\"errmsg\":\"invalid json\"}");
    }
  }

  private String receiver(String key, String extra) {
    return "    wecom_robot_configs:\n      - url: " + wecom.url("/cgi-bin/webhook/send?key=" + key) + "\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    WecomRobotConfig c = TestIntegrations.config(receiver(KEY, "")).receivers().get(0).wecomRobotConfigs().get(0);
    return new WecomRobotNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), 0);
  }

  @Override
  protected List<String> delivered() {
    synchronized (accepted) {
      return accepted.stream().map(JsonNode::toString).toList();
    }
  }

  @Override
  protected boolean failNextTransiently() {
    wecom.enqueue(Answer.json(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));
    return true;
  }

  private Notification big(int chars) {
    var base = TestAlerts.chineseFiring();
    return new Notification(base.receiver(), base.groupKey(), base.groupLabels(),
        List.of(TestAlerts.firing("Big", Map.of(), "告".repeat(chars))), base.now(), "");
  }

  @Test
  void markdownIsCappedAt4096BytesAndTextAt2048() throws Exception {
    env.receiver(receiver(KEY, "")).get(0).send(big(3000));
    env.receiver(receiver(KEY, "        message_type: text\n        mentioned_mobile_list: ['@all']\n")).get(0).send(big(3000));

    String md = accepted.get(0).path("markdown").path("content").asText();
    String text = accepted.get(1).path("text").path("content").asText();
    assertThat(md.getBytes(StandardCharsets.UTF_8).length).isBetween(4000, 4096);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isBetween(2000, 2048);
    assertThat(md).endsWith("(truncated)").doesNotContain("\uFFFD");
    assertThat(accepted.get(1).path("text").path("mentioned_mobile_list").get(0).asText()).isEqualTo("@all");
  }

  @Test
  void rateLimitCode45009IsRetriedAndInvalidKeyIsNot() throws Exception {
    wecom.enqueue(Answer.json(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"));
    env.receiver(receiver(KEY, "")).get(0).send(TestAlerts.chineseFiring());
    assertThat(accepted).hasSize(1);
    assertThat(env.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));

    NotifyException e = catchThrowableOfType(() -> env.receiver(receiver("wrong-key", "")).get(0).send(TestAlerts.chineseFiring()),
        NotifyException.class);
    assertThat(e.reason()).isEqualTo("wecom_93000");
    assertThat(e.getMessage()).doesNotContain("wrong-key");
  }

  @Test
  void twentyMessagesPerMinutePerRobot() throws Exception {
    Notifier n = env.receiver(receiver(KEY, "")).get(0);
    var start = env.clock.instant();
    for (int i = 0; i < 22; i++) n.send(TestAlerts.chineseFiring());

    assertThat(accepted).hasSize(22);
    assertThat(Duration.between(start, env.clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
  }
}
