package io.pipelens.alerts.notify.wecom;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.WecomRobotConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.HttpResult;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.message.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeCom group robot ({@code POST /cgi-bin/webhook/send?key=...}). markdown content may be at most
 * 4096 UTF-8 bytes, text content 2048 bytes (WeCom's documented limits); longer messages are cut
 * on a character boundary with a marker. Mentions work in text messages only.
 */
public final class WecomRobotNotifier extends IntegrationNotifier {
  public static final int MAX_MARKDOWN_BYTES = 4096;
  public static final int MAX_TEXT_BYTES = 2048;

  private final WecomRobotConfig config;
  private final HttpPoster http;
  private final Renderer renderer;

  public WecomRobotNotifier(WecomRobotConfig config, HttpPoster http, Renderer renderer, int index) {
    super("wecom_robot", index, config.sendResolved());
    this.config = config;
    this.http = http;
    this.renderer = renderer;
  }

  @Override
  public void send(Notification n) throws NotifyException {
    String content = renderer.render(config.text(), n.data());
    Map<String, Object> body = new LinkedHashMap<>();
    if (config.messageType().equals("markdown")) {
      body.put("msgtype", "markdown");
      body.put("markdown", Map.of("content", Utf8.truncate(content, MAX_MARKDOWN_BYTES)));
    } else {
      Map<String, Object> text = new LinkedHashMap<>();
      text.put("content", Utf8.truncate(content, MAX_TEXT_BYTES));
      text.put("mentioned_list", config.mentionedList());
      text.put("mentioned_mobile_list", config.mentionedMobileList());
      body.put("msgtype", "text");
      body.put("text", text);
    }
    HttpResult r = http.postJson(config.url(), Json.write(body), config.http(), null);
    HttpPoster.checkStatus(r, config.url());
    WecomErrors.check(Json.readOrNull(r.body()), "robot");
  }
}
