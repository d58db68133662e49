package io.pipelens.alerts.notify.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.fakes.DingTalkRobot;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.DingTalkConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server that checks requests as DingTalk's robot API documents them. */
class DingTalkNotifierTest extends NotifierContract {
  static final String TOKEN = "tok123";
  static final String SECRET = "SEC0123456789abcdef";

  TestIntegrations env;
  DingTalkRobot dingtalk;

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    dingtalk = new DingTalkRobot(TOKEN, SECRET, env.clock);
  }

  @AfterEach
  void stop() {
    dingtalk.close();
  }

  private String receiver(String secret, String extra) {
    return "    dingtalk_configs:\n      - url: " + dingtalk.url() + "\n"
        + "        secret: " + secret + "\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    DingTalkConfig c = TestIntegrations.config(receiver(SECRET, "")).receivers().get(0).dingtalkConfigs().get(0);
    return new DingTalkNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Override
  protected List<String> delivered() {
    return dingtalk.accepted().stream().map(JsonNode::toString).toList();
  }

  @Override
  protected boolean failNextTransiently() {
    dingtalk.enqueue(Answer.json(503, "busy"));
    return true;
  }

  @Test
  void signedMarkdownIsAcceptedAndReadsWellWithMentions() {
    Notifier n = env.receiver(receiver(SECRET, "        at_mobiles: ['13800000000']\n")).get(0);

    assertThatSent(n, TestAlerts.chineseFiring());

    JsonNode body = dingtalk.accepted().get(0);
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.path("markdown").path("title").asText()).isEqualTo("[FIRING:1] PipelineLag");
    assertThat(body.path("markdown").path("text").asText())
        .contains("🔥 告警 FIRING").contains("摘要 summary: 数据管道延迟超过 5 分钟").contains("pipeline=训练管道")
        .endsWith("@13800000000");
    assertThat(body.path("at").path("atMobiles").get(0).asText()).isEqualTo("13800000000");
    assertThat(env.listener.events).containsExactly("delivered:dingtalk[0]:1");
  }

  @Test
  void wrongSecretIsReportedAsBadSignatureAndNotRetried() {
    Notifier n = env.receiver(receiver("not-the-secret", "")).get(0);

    NotifyException e = catchThrowableOfType(() -> n.send(TestAlerts.chineseFiring()), NotifyException.class);

    assertThat(e.reason()).isEqualTo("dingtalk_310000");
    assertThat(e.getMessage()).contains("bad signature").doesNotContain(TOKEN);
    assertThat(dingtalk.requests()).hasSize(1);
    assertThat(env.listener.events).containsExactly("attempt:dingtalk[0]:dingtalk_310000:final", "failed:dingtalk[0]:dingtalk_310000");
  }

  @Test
  void rateLimitCodeAndServerErrorsAreRetriedWithExponentialBackoff() throws Exception {
    dingtalk.enqueue(Answer.json(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}"));
    dingtalk.enqueue(Answer.json(502, "bad gateway"));
    dingtalk.enqueue(Answer.json(503, "unavailable"));
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);

    n.send(TestAlerts.chineseFiring());

    assertThat(dingtalk.requests()).hasSize(4);
    assertThat(dingtalk.accepted()).hasSize(1);
    assertThat(env.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(env.listener.events).contains("attempt:dingtalk[0]:dingtalk_130101:retry", "attempt:dingtalk[0]:http_502:retry",
        "delivered:dingtalk[0]:4");
  }

  @Test
  void moreThanTwentyMessagesAMinuteWaitInsteadOfBeingDropped() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);
    var start = env.clock.instant();

    for (int i = 0; i < 45; i++) n.send(TestAlerts.chineseFiring());

    assertThat(dingtalk.accepted()).hasSize(45);
    List<java.time.Instant> acceptedAt = dingtalk.acceptedAt();
    for (int i = 0; i + 20 < acceptedAt.size(); i++) { // never more than 20 in any minute
      assertThat(Duration.between(acceptedAt.get(i), acceptedAt.get(i + 20))).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
    assertThat(Duration.between(start, env.clock.instant())).isEqualTo(Duration.ofMinutes(2));
    assertThat(env.listener.events).filteredOn(s -> s.startsWith("throttled")).hasSize(2);
  }

  @Test
  void hugeMessagesAreCutAtACharacterBoundaryWithAMarker() {
    Notifier n = env.receiver(receiver(SECRET, "        text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}'\n")).get(0);
    var base = TestAlerts.chineseFiring();
    var alert = TestAlerts.firing("Big", Map.of(), "警".repeat(9000)); // 27,000 bytes
    assertThatSent(n, new Notification(base.receiver(), base.groupKey(), base.groupLabels(), List.of(alert), base.now(), ""));

    String text = dingtalk.accepted().get(0).path("markdown").path("text").asText();
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DingTalkNotifier.MAX_BYTES);
    assertThat(text).endsWith("(truncated)").doesNotContain("\uFFFD").startsWith("警警警");
  }

  @Test
  void textMessagesCarryTitleAndBody() {
    Notifier n = env.receiver(receiver(SECRET, "        message_type: text\n        at_all: true\n")).get(0);

    assertThatSent(n, TestAlerts.chineseFiring());

    JsonNode body = dingtalk.accepted().get(0);
    assertThat(body.path("text").path("content").asText()).startsWith("[FIRING:1] PipelineLag\n").contains("数据管道延迟");
    assertThat(body.path("at").path("isAtAll").asBoolean()).isTrue();
  }

  private void assertThatSent(Notifier n, Notification notification) {
    try {
      n.send(notification);
    } catch (NotifyException e) {
      throw new AssertionError("send failed: " + e.getMessage(), e);
    }
  }
}
