package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * pipelens' native {@code dingtalk_configs} entry: a DingTalk (钉钉) custom robot. {@code url} is
 * the robot webhook including {@code access_token}; with {@code secret} (加签) every request is
 * signed. {@code messageType} is markdown (default) or text. Mentions: {@code atMobiles},
 * {@code atUserIds}, {@code atAll}.
 */
public record DingTalkConfig(
    boolean sendResolved,
    URI url,
    String secret,
    String messageType,
    String title,
    String text,
    List<String> atMobiles,
    List<String> atUserIds,
    boolean atAll,
    HttpConfig http) {

  public static final String DEFAULT_TITLE = "{{ template \"dingtalk.default.title\" . }}";
  public static final String DEFAULT_TEXT = "{{ template \"dingtalk.default.text\" . }}";

  static DingTalkConfig read(YamlNode n, GlobalConfig g) {
    if (!n.has("url")) n.error("url", "is required (the robot webhook, https://oapi.dingtalk.com/robot/send?access_token=...)");
    URI url = n.url("url");
    if (url != null && (url.getRawQuery() == null || !url.getRawQuery().contains("access_token="))) {
      n.error("url", "must contain the robot's access_token query parameter");
    }
    String type = n.string("message_type", "markdown");
    if (!type.equals("markdown") && !type.equals("text")) {
      n.error("message_type", "must be markdown or text, got \"" + type + "\"");
    }
    DingTalkConfig c = new DingTalkConfig(
        n.bool("send_resolved", true),
        url,
        n.string("secret"),
        type,
        n.string("title", DEFAULT_TITLE),
        n.string("text", DEFAULT_TEXT),
        n.strings("at_mobiles"),
        n.strings("at_user_ids"),
        n.bool("at_all", false),
        HttpConfig.read(n, "http_config", g.httpConfig()));
    n.finish();
    return c;
  }
}
