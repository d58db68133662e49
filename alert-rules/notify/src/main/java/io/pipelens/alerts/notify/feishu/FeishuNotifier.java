package io.pipelens.alerts.notify.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.FeishuConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.HttpResult;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.http.Redact;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.message.TemplateData;
import io.pipelens.alerts.notify.message.Utf8;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feishu/Lark custom bot. Answers carry {@code code} (0 = ok; older bots answer
 * {@code StatusCode}). Understood codes: 19021 signature check failed, 19022 IP not allowed,
 * 19024 keyword mismatch, 9499 bad request (none retried); 11232 rate limited (retried).
 */
public final class FeishuNotifier extends IntegrationNotifier {
  /** Feishu limits the request body to 20 KB; the text keeps a margin for the JSON around it. */
  public static final int MAX_TEXT_BYTES = 18_000;

  private final FeishuConfig config;
  private final HttpPoster http;
  private final Renderer renderer;
  private final Clock clock;

  public FeishuNotifier(FeishuConfig config, HttpPoster http, Renderer renderer, Clock clock, int index) {
    super("feishu", index, config.sendResolved());
    this.config = config;
    this.http = http;
    this.renderer = renderer;
    this.clock = clock;
  }

  @Override
  public void send(Notification n) throws NotifyException {
    TemplateData data = n.data();
    String title = Utf8.truncate(renderer.render(config.title(), data), 512);
    String text = Utf8.truncate(renderer.render(config.text(), data), MAX_TEXT_BYTES);
    Map<String, Object> body = new LinkedHashMap<>();
    if (config.secret() != null && !config.secret().isEmpty()) {
      long ts = clock.millis() / 1000;
      body.put("timestamp", String.valueOf(ts));
      body.put("sign", FeishuSigner.sign(ts, config.secret()));
    }
    body.putAll(switch (config.messageType()) {
      case "text" -> FeishuMessage.text(title, text, config.atUserIds(), config.atAll());
      case "post" -> FeishuMessage.post(title, text, config.atUserIds(), config.atAll());
      default -> FeishuMessage.card(title, text, data.status().equals("firing"), config.atUserIds(), config.atAll());
    });
    HttpResult r = http.postJson(config.url(), Json.write(body), config.http(), null);
    JsonNode answer = Json.readOrNull(r.body());
    if (!r.ok() && (answer == null || !answer.has("code"))) HttpPoster.checkStatus(r, config.url());
    if (answer == null) {
      throw new NotifyException("feishu_bad_response", true, "unexpected answer from " + Redact.url(config.url()));
    }
    int code = answer.has("code") ? answer.path("code").asInt() : answer.path("StatusCode").asInt(-1);
    if (code == 0) return;
    String msg = answer.has("msg") ? answer.path("msg").asText() : answer.path("StatusMessage").asText("");
    throw switch (code) {
      case 19021 -> new NotifyException("feishu_19021", false, null,
          "Feishu signature check failed (19021): check the secret and the clock: " + msg, null);
      case 19022 -> new NotifyException("feishu_19022", false, null, "Feishu: IP not allowed (19022): " + msg, null);
      case 19024 -> new NotifyException("feishu_19024", false, null, "Feishu: keyword mismatch (19024): " + msg, null);
      case 9499 -> new NotifyException("feishu_9499", false, null, "Feishu rejected the request (9499): " + msg, null);
      case 11232, 11233 -> new NotifyException("feishu_" + code, true, r.retryAfter(),
          "Feishu rate limit (" + code + ", at most 5 messages per second): " + msg, null);
      default -> new NotifyException("feishu_" + code, r.status() >= 500 || r.status() == 429, r.retryAfter(),
          "Feishu code " + code + ": " + msg, null);
    };
  }
}
