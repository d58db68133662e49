package io.pipelens.alerts.notify.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.PlatformServer.Request;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.WechatConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server playing WeCom's gettoken and message/send APIs. */
class WechatNotifierTest extends NotifierContract {
  static final ObjectMapper JSON = new ObjectMapper();
  TestIntegrations env;
  PlatformServer api;
  final AtomicInteger tokens = new AtomicInteger();
  volatile String validToken = "";
  final List<JsonNode> accepted = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = new TestIntegrations();
    api = new PlatformServer(this::answer);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Answer answer(Request r) {
    try {
      if (r.path().equals("/cgi-bin/gettoken")) {
        if (!"corp1".equals(r.query("corpid")) || !"s3cret".equals(r.query("corpsecret"))) {
          return Answer.json(200, "{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
        }
        validToken = "T" + tokens.incrementAndGet();
        return Answer.json(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + validToken + "\",\"expires_in\":7200}");
      }
      if (r.path().equals("/cgi-bin/message/send") && r.method().equals("POST")) {
        if (!validToken.equals(r.query("access_token"))) return Answer.json(200, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
        JsonNode b = JSON.readTree(r.body());
        if (!b.path("agentid").asText().equals("1000002") || !b.path("text").path("content").isTextual()) {
          return Answer.json(200, "{\"errcode\":40056,\"errmsg\":\"invalid agentid\"}");
        }
        synchronized (accepted) {
          accepted.add(b);
        }
        return Answer.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
      }
      return Answer.json(404, "{}");
    } catch (Exception e) {
      return Answer.json(500, "{}");
    }
  }

  private String receiver() {
    return "    wechat_configs:\n      - api_url: " + api.url("/cgi-bin/") + "\n        corp_id: corp1\n"
        + "        api_secret: s3cret\n        agent_id: '1000002'\n        to_user: '@all'\n";
  }

  @Override
  protected Notifier notifier() {
    WechatConfig c = TestIntegrations.config(receiver()).receivers().get(0).wechatConfigs().get(0);
    return new WechatNotifier(c, new HttpPoster(), new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Override
  protected List<String> delivered() {
    synchronized (accepted) {
      return accepted.stream().map(JsonNode::toString).toList();
    }
  }

  @Override
  protected boolean failNextTransiently() {
    api.enqueue(Answer.json(503, "{}"));
    return true;
  }

  @Test
  void tokenIsFetchedOnceReusedAndRefreshedWhenExpired() throws Exception {
    Notifier n = env.receiver(receiver()).get(0);
    n.send(TestAlerts.chineseFiring());
    n.send(TestAlerts.chineseFiring());
    assertThat(tokens.get()).isEqualTo(1);

    validToken = "rotated-by-wecom";
    n.send(TestAlerts.chineseFiring()); // 42001, drop token, retry fetches a new one

    assertThat(tokens.get()).isEqualTo(2);
    assertThat(accepted).hasSize(3);
    JsonNode last = accepted.get(2);
    assertThat(last.path("touser").asText()).isEqualTo("@all");
    assertThat(last.path("msgtype").asText()).isEqualTo("text");
    assertThat(last.path("text").path("content").asText()).startsWith("[FIRING:1] PipelineLag").contains("Alerts Firing:");
  }
}
