package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.util.Map;

/**
 * {@code slack_configs} entry for Slack incoming webhooks. The message carries {@code text} (the
 * fallback shown in notifications) and Block Kit {@code blocks} built from {@code title} and
 * {@code text}. {@code color} is used for the attachment bar.
 */
public record SlackConfig(
    boolean sendResolved,
    URI apiUrl,
    String channel,
    String username,
    String iconEmoji,
    String iconUrl,
    String title,
    String titleLink,
    String pretext,
    String text,
    String color,
    HttpConfig http) {

  static SlackConfig read(YamlNode n, GlobalConfig g) {
    URI api = n.has("api_url") ? n.url("api_url") : null;
    if (api == null && !n.has("api_url") && g.slackApiUrl() != null) {
      try {
        api = URI.create(g.slackApiUrl());
      } catch (IllegalArgumentException e) {
        n.error("api_url", "global.slack_api_url is not a valid URL");
      }
    }
    if (api == null && !n.has("api_url")) n.error("api_url", "no webhook URL: set api_url here or global.slack_api_url");
    SlackConfig c = new SlackConfig(
        n.bool("send_resolved", false),
        api,
        n.string("channel"),
        n.string("username", "{{ template \"slack.default.username\" . }}"),
        n.string("icon_emoji"),
        n.string("icon_url"),
        n.string("title", "{{ template \"slack.default.title\" . }}"),
        n.string("title_link", "{{ template \"slack.default.titlelink\" . }}"),
        n.string("pretext", ""),
        n.string("text", "{{ template \"slack.default.text\" . }}"),
        n.string("color", "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"),
        HttpConfig.read(n, "http_config", g.httpConfig()));
    Map<String, String> unsupported = new java.util.HashMap<>();
    unsupported.put("api_url_file", "api_url_file is not supported; use api_url");
    for (String k : java.util.List.of("actions", "fields", "callback_id", "footer", "fallback", "short_fields",
        "image_url", "thumb_url", "link_names", "mrkdwn_in")) {
      unsupported.put(k, k + " is not supported by pipelens' Slack integration");
    }
    n.finish(unsupported);
    return c;
  }
}
