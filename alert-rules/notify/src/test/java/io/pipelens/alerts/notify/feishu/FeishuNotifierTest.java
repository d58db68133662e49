package io.pipelens.alerts.notify.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.fakes.FeishuBot;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.FeishuConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server that checks requests as Feishu's custom bot documentation describes. */
class FeishuNotifierTest extends NotifierContract {
  static final String HOOK_ID = "0f1e2d3c-aaaa-bbbb";
  static final String SECRET = "feishuSecret42";

  TestIntegrations env;
  FeishuBot feishu;

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    feishu = new FeishuBot(HOOK_ID, SECRET, env.clock);
  }

  @AfterEach
  void stop() {
    feishu.close();
  }

  private String receiver(String secret, String extra) {
    return "    feishu_configs:\n      - url: " + feishu.url() + "\n        secret: " + secret + "\n" + extra;
  }

  @Override
  protected Notifier notifier() {
    FeishuConfig c = TestIntegrations.config(receiver(SECRET, "")).receivers().get(0).feishuConfigs().get(0);
    return new FeishuNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Override
  protected List<String> delivered() {
    return feishu.accepted().stream().map(JsonNode::toString).toList();
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

    JsonNode card = feishu.accepted().get(0).path("card");
    assertThat(card.path("header").path("template").asText()).isEqualTo("red");
    assertThat(card.path("header").path("title").path("content").asText()).isEqualTo("🔥 告警 FIRING [FIRING:1] PipelineLag");
    assertThat(card.path("elements").get(0).path("content").asText())
        .contains("数据管道延迟超过 5 分钟").contains("<at id=all></at>");
  }

  @Test
  void postAndTextMessagesAreAccepted() throws Exception {
    env.receiver(receiver(SECRET, "        message_type: post\n")).get(0).send(TestAlerts.chineseFiring());
    env.receiver(receiver(SECRET, "        message_type: text\n        at_user_ids: [ou_123]\n")).get(0).send(TestAlerts.chineseFiring());

    assertThat(feishu.accepted().get(0).path("content").path("post").path("zh_cn").path("title").asText()).contains("PipelineLag");
    assertThat(feishu.accepted().get(1).path("content").path("text").asText()).contains("数据管道").contains("<at user_id=\"ou_123\"></at>");
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

    assertThat(feishu.accepted()).hasSize(1);
    assertThat(env.sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void atMostOneHundredMessagesAMinute() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);
    var start = env.clock.instant();

    for (int i = 0; i < 110; i++) n.send(TestAlerts.chineseFiring());

    assertThat(feishu.accepted()).hasSize(110);
    // 100 go out at the 5/s pace within ~20s; the 101st waits until the first is a minute old
    assertThat(Duration.between(start, env.clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void atMostFiveMessagesASecond() throws Exception {
    Notifier n = env.receiver(receiver(SECRET, "")).get(0);
    var start = env.clock.instant();

    for (int i = 0; i < 8; i++) n.send(TestAlerts.chineseFiring());

    assertThat(feishu.accepted()).hasSize(8);
    assertThat(Duration.between(start, env.clock.instant())).isEqualTo(Duration.ofSeconds(1)); // 5, wait, 3
    assertThat(env.listener.events).filteredOn(s -> s.startsWith("throttled")).hasSize(1);
  }
}
