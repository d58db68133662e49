package io.pipelens.alerts.notify.feishu;

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
import io.pipelens.alerts.notify.config.FeishuConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server that checks requests as Feishu's custom bot documentation describes. */
class FeishuNotifierTest extends NotifierContract {
  static final String HOOK = "/open-apis/bot/v2/hook/0f1e2d3c-aaaa-bbbb";
  static final String SECRET = "feishuSecret42";
  static final ObjectMapper JSON = new ObjectMapper();

  TestIntegrations env;
  PlatformServer feishu;
  final List<JsonNode> accepted = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    feishu = new PlatformServer(this::verify);
  }

  @AfterEach
  void stop() {
    feishu.close();
  }

  private Answer verify(Request r) {
    try {
      if (!r.method().equals("POST") || !r.path().equals(HOOK)) return Answer.json(404, "{\"code\":19001,\"msg\":\"param invalid: incoming webhook access token invalid\"}");
      if (!r.header("Content-Type").startsWith("application/json")) return Answer.json(400, "{\"code\":9499,\"msg\":\"Bad Request\"}");
      JsonNode body = JSON.readTree(r.body());
      if (!body.path("timestamp").isTextual()) return Answer.json(200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}");
      long ts = Long.parseLong(body.path("timestamp").asText());
      if (Math.abs(ts - env.clock.millis() / 1000) > 3600) return Answer.json(200, "{\"code\":19021,\"msg\":\"timestamp is not within one hour\"}");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((ts + "\n" + SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
      if (!expected.equals(body.path("sign").asText())) return Answer.json(200, "{\"code\":19021,\"msg\":\"sign match fail\"}");
      String type = body.path("msg_type").asText();
      boolean ok = switch (type) {
        case "text" -> body.path("content").path("text").isTextual();
        case "post" -> body.path("content").path("post").path("zh_cn").path("content").isArray();
        case "interactive" -> body.path("card").path("header").path("title").path("content").isTextual()
            && body.path("card").path("elements").isArray();
        default -> false;
      };
      if (!ok) return Answer.json(400, "{\"code\":9499,\"msg\":\"Bad Request\"}");
      synchronized (accepted) {
        accepted.add(body);
      }
      return Answer.json(200, "{\"code\":0,\"data\":{},\"msg\":\"success\"}");
    } catch (Exception e) {
      return Answer.json(400, "{\"code\":9499,\"msg\":\"Bad Request\"}");
    }
  }

  private String receiver(String secret, String extra) {
    return "    feishu_configs:\n      - url: " + feishu.url(HOOK) + "\n        secret: " + secret + "\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    FeishuConfig c = TestIntegrations.config(receiver(SECRET, "")).receivers().get(0).feishuConfigs().get(0);
    return new FeishuNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Override
  protected List<String> delivered() {
    synchronized (accepted) {
      return accepted.stream().map(JsonNode::toString).toList();
    }
  }

  @Override
  protected boolean failNextTransiently() {
    feishu.enqueue(Answer.json(500, "{\"code\":500,\"msg\":\"internal error\"}"));
    return true;
  }

  @Test
  void signedCardIsAcceptedWithRedHeaderAndMarkdownBody() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "        at_all: true\n")).get(0);

    n.send(TestAlerts.chineseFiring());

    JsonNode card = accepted.get(0).path("card");
    assertThat(card.path("header").path("template").asText()).isEqualTo("red");
    assertThat(card.path("header").path("title").path("content").asText()).isEqualTo("🔥 告警 FIRING [FIRING:1] PipelineLag");
    assertThat(card.path("elements").get(0).path("content").asText())
        .contains("数据管道延迟超过 5 分钟").contains("<at id=all></at>");
  }

  @Test
  void postAndTextMessagesAreAccepted() throws Exception {
    env.receiver(receiver(SECRET, "        message_type: post\n")).get(0).send(TestAlerts.chineseFiring());
    env.receiver(receiver(SECRET, "        message_type: text\n        at_user_ids: [ou_123]\n")).get(0).send(TestAlerts.chineseFiring());

    assertThat(accepted.get(0).path("content").path("post").path("zh_cn").path("title").asText()).contains("PipelineLag");
    assertThat(accepted.get(1).path("content").path("text").asText()).contains("数据管道").contains("<at user_id=\"ou_123\"></at>");
  }

  @Test
  void wrongSecretIsSignatureFailureAndNotRetried() {
    Notifier n = env.receiver(receiver("wrong", "")).get(0);

    NotifyException e = catchThrowableOfType(() -> n.send(TestAlerts.chineseFiring()), NotifyException.class);

    assertThat(e.reason()).isEqualTo("feishu_19021");
    assertThat(e.retryable()).isFalse();
    assertThat(feishu.requests()).hasSize(1);
    assertThat(env.listener.events).contains("failed:feishu[0]:feishu_19021");
  }

  @Test
  void frequencyLimitIsRetriedHonouringRetryAfter() throws Exception {
    feishu.enqueue(new Answer(429, "{\"code\":11232,\"msg\":\"frequency limited\"}", java.util.Map.of("Retry-After", "3")));
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);

    n.send(TestAlerts.chineseFiring());

    assertThat(accepted).hasSize(1);
    assertThat(env.sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void atMostOneHundredMessagesAMinute() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);
    var start = env.clock.instant();

    for (int i = 0; i < 110; i++) n.send(TestAlerts.chineseFiring());

    assertThat(accepted).hasSize(110);
    // 100 go out at the 5/s pace within ~20s; the 101st waits until the first is a minute old
    assertThat(Duration.between(start, env.clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void atMostFiveMessagesASecond() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);
    var start = env.clock.instant();

    for (int i = 0; i < 8; i++) n.send(TestAlerts.chineseFiring());

    assertThat(accepted).hasSize(8);
    assertThat(Duration.between(start, env.clock.instant())).isEqualTo(Duration.ofSeconds(1)); // 5, wait, 3
    assertThat(env.listener.events).filteredOn(s -> s.startsWith("throttled")).hasSize(1);
  }
}
