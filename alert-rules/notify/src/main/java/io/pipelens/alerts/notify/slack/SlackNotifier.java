package io.pipelens.alerts.notify.slack;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.SlackConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.HttpResult;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.http.Redact;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.message.TemplateData;
import io.pipelens.alerts.notify.message.Utf8;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhook: {@code text} (notification fallback) plus Block Kit {@code blocks}
 * (a header with the title and a mrkdwn section with the text, 3000 characters at most per
 * section) and a coloured attachment bar. Slack answers 200 "ok"; 429 carries Retry-After.
 */
public final class SlackNotifier extends IntegrationNotifier {
  static final int MAX_SECTION_CHARS = 3000;
  static final int MAX_HEADER_CHARS = 150;

  private final SlackConfig config;
  private final HttpPoster http;
  private final Renderer renderer;

  public SlackNotifier(SlackConfig config, HttpPoster http, Renderer renderer, int index) {
    super("slack", index, config.sendResolved());
    this.config = config;
    this.http = http;
    this.renderer = renderer;
  }

  @Override
  public void send(Notification n) throws NotifyException {
    TemplateData d = n.data();
    String title = renderer.render(config.title(), d);
    String titleLink = renderer.render(config.titleLink(), d);
    String text = renderer.render(config.text(), d);
    String pretext = renderer.render(config.pretext(), d);
    String color = renderer.render(config.color(), d);
    Map<String, Object> body = new LinkedHashMap<>();
    if (config.channel() != null) body.put("channel", renderer.render(config.channel(), d));
    body.put("username", renderer.render(config.username(), d));
    if (config.iconEmoji() != null) body.put("icon_emoji", renderer.render(config.iconEmoji(), d));
    if (config.iconUrl() != null) body.put("icon_url", renderer.render(config.iconUrl(), d));
    body.put("text", chars(title + (text.isBlank() ? "" : "\n" + text), 4000));
    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", chars(title, MAX_HEADER_CHARS))));
    if (!pretext.isBlank()) blocks.add(section(pretext));
    if (!text.isBlank()) blocks.add(section(text));
    if (!titleLink.isBlank()) blocks.add(section("<" + titleLink + "|View in pipelens>"));
    body.put("blocks", blocks);
    body.put("attachments", List.of(Map.of("color", color, "fallback", chars(title, 300))));
    HttpResult r = http.postJson(config.apiUrl(), Json.write(body), config.http(), null);
    HttpPoster.checkStatus(r, config.apiUrl());
    if (r.body() != null && !r.body().isBlank() && !r.body().trim().equals("ok")) {
      throw new NotifyException("slack_" + r.body().trim(), false, null,
          "Slack rejected the message at " + Redact.url(config.apiUrl()) + ": " + r.body().trim(), null);
    }
  }

  private static Map<String, Object> section(String mrkdwn) {
    return Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", chars(mrkdwn, MAX_SECTION_CHARS)));
  }

  /** Slack counts characters, not bytes; cut on a code point boundary. */
  static String chars(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) return s;
    String marker = Utf8.MARKER;
    int keep = max - marker.length();
    return s.substring(0, s.offsetByCodePoints(0, Math.max(0, keep))) + marker;
  }
}
