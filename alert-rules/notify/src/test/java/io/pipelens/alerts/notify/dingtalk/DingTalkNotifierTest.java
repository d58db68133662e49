package io.pipelens.alerts.notify.dingtalk;

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
import io.pipelens.alerts.notify.config.DingTalkConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server that checks requests as DingTalk's robot API documents them. */
class DingTalkNotifierTest extends NotifierContract {
  static final String TOKEN = "tok123";
  static final String SECRET = "SEC0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  TestIntegrations env;
  PlatformServer dingtalk;
  final List<JsonNode> accepted = new ArrayList<>();
  final List<java.time.Instant> acceptedAt = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    dingtalk = new PlatformServer(this::verify);
  }

  @AfterEach
  void stop() {
    dingtalk.close();
  }

  /** DingTalk's checks: path, token, content type, timestamp window, HMAC signature, message shape. */
  private Answer verify(Request r) {
    try {
      if (!r.method().equals("POST") || !r.path().equals("/robot/send") || !TOKEN.equals(r.query("access_token"))) {
        return Answer.json(200, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}");
      }
      if (!r.header("Content-Type").startsWith("application/json")) return Answer.json(200, "{\"errcode\":40035,\"errmsg\":\"bad content type\"}");
      long ts = Long.parseLong(r.query("timestamp"));
      if (Math.abs(ts - env.clock.millis()) > 3_600_000) return Answer.json(200, "{\"errcode\":310000,\"errmsg\":\"timestamp expired\"}");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
      if (!expected.equals(URLDecoder.decode(r.query("sign"), StandardCharsets.UTF_8))) {
        return Answer.json(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
      }
      JsonNode body = JSON.readTree(r.body());
      String type = body.path("msgtype").asText();
      boolean ok = type.equals("markdown") ? body.path("markdown").path("title").isTextual() && body.path("markdown").path("text").isTextual()
          : type.equals("text") && body.path("text").path("content").isTextual();
      if (!ok || !body.path("at").path("isAtAll").isBoolean()) return Answer.json(200, "{\"errcode\":40035,\"errmsg\":\"invalid message\"}");
      synchronized (accepted) {
        accepted.add(body);
        acceptedAt.add(env.clock.instant());
      }
      return Answer.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    } catch (Exception e) {
      return Answer.json(400, "{\"errcode\":40035,\"errmsg\":\"" + e.getMessage() + "\"}");
    }
  }

  private String receiver(String secret, String extra) {
    return "    dingtalk_configs:\n      - url: " + dingtalk.url("/robot/send?access_token=" + TOKEN) + "\n"
        + "        secret: " + secret + "\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    DingTalkConfig c = TestIntegrations.config(receiver(SECRET, "")).receivers().get(0).dingtalkConfigs().get(0);
    return new DingTalkNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Override
  protected List<String> delivered() {
    synchronized (accepted) {
      return accepted.stream().map(JsonNode::toString).toList();
    }
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

    JsonNode body = accepted.get(0);
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
    assertThat(accepted).hasSize(1);
    assertThat(env.sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(env.listener.events).contains("attempt:dingtalk[0]:dingtalk_130101:retry", "attempt:dingtalk[0]:http_502:retry",
        "delivered:dingtalk[0]:4");
  }

  @Test
  void moreThanTwentyMessagesAMinuteWaitInsteadOfBeingDropped() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);
    var start = env.clock.instant();

    for (int i = 0; i < 45; i++) n.send(TestAlerts.chineseFiring());

    assertThat(accepted).hasSize(45);
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

    String text = accepted.get(0).path("markdown").path("text").asText();
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(DingTalkNotifier.MAX_BYTES);
    assertThat(text).endsWith("(truncated)").doesNotContain("\uFFFD").startsWith("警警警");
  }

  @Test
  void textMessagesCarryTitleAndBody() {
    Notifier n = env.receiver(receiver(SECRET, "        message_type: text\n        at_all: true\n")).get(0);

    assertThatSent(n, TestAlerts.chineseFiring());

    JsonNode body = accepted.get(0);
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
