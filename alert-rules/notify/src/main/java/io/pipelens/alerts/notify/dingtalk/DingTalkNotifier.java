package io.pipelens.alerts.notify.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.DingTalkConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.HttpResult;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.http.Redact;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.message.TemplateData;
import io.pipelens.alerts.notify.message.Utf8;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DingTalk custom robot ({@code POST /robot/send?access_token=...}). Sends markdown or text with
 * optional @-mentions, signing each request when a secret is configured. DingTalk answers HTTP 200
 * with {@code errcode}: 0 ok, 130101 rate limited (retried), 310000 bad signature / keyword /
 * IP not allowed (not retried), others not retried.
 */
public final class DingTalkNotifier extends IntegrationNotifier {
  /** DingTalk rejects messages above about 20,000 bytes. */
  public static final int MAX_BYTES = 20_000;

  private final DingTalkConfig config;
  private final HttpPoster http;
  private final Renderer renderer;
  private final Clock clock;

  public DingTalkNotifier(DingTalkConfig config, HttpPoster http, Renderer renderer, Clock clock, int index) {
    super("dingtalk", index, config.sendResolved());
    this.config = config;
    this.http = http;
    this.renderer = renderer;
    this.clock = clock;
  }

  @Override
  public void send(Notification n) throws NotifyException {
    TemplateData data = n.data();
    String title = renderer.render(config.title(), data);
    String text = renderer.render(config.text(), data);
    StringBuilder mentions = new StringBuilder();
    for (String m : config.atMobiles()) mentions.append(" @").append(m);
    for (String u : config.atUserIds()) mentions.append(" @").append(u);
    String suffix = mentions.length() > 0 ? "\n\n" + mentions.toString().trim() : "";
    text = Utf8.truncate(text, MAX_BYTES - Utf8.length(suffix)) + suffix;

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", config.messageType());
    if (config.messageType().equals("markdown")) {
      body.put("markdown", Map.of("title", Utf8.truncate(title, 256), "text", text));
    } else {
      body.put("text", Map.of("content", title.isBlank() ? text : title + "\n" + text));
    }
    Map<String, Object> at = new LinkedHashMap<>();
    at.put("atMobiles", config.atMobiles());
    at.put("atUserIds", config.atUserIds());
    at.put("isAtAll", config.atAll());
    body.put("at", at);

    URI url = config.secret() == null || config.secret().isEmpty()
        ? config.url()
        : DingTalkSigner.signedUrl(config.url(), clock.millis(), config.secret());
    HttpResult r = http.postJson(url, Json.write(body), config.http(), null);
    HttpPoster.checkStatus(r, url);
    JsonNode answer = Json.readOrNull(r.body());
    if (answer == null || !answer.has("errcode")) {
      throw new NotifyException("dingtalk_bad_response", true, "unexpected answer from " + Redact.url(config.url()));
    }
    int code = answer.path("errcode").asInt();
    if (code == 0) return;
    String msg = answer.path("errmsg").asText("");
    throw switch (code) {
      case 130101 -> new NotifyException("dingtalk_130101", true, null,
          "DingTalk rate limit (130101, robot sends at most 20 messages per minute): " + msg, null);
      case 310000 -> new NotifyException("dingtalk_310000", false, null,
          "DingTalk rejected the message (310000: bad signature, keyword mismatch or IP not allowed): " + msg, null);
      case 300001, 400013 -> new NotifyException("dingtalk_" + code, false, null,
          "DingTalk robot token invalid or robot disabled (" + code + "): " + msg, null);
      default -> new NotifyException("dingtalk_" + code, code >= 500 && code < 600, null,
          "DingTalk errcode " + code + ": " + msg, null);
    };
  }
}
