package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.util.List;

/**
 * pipelens' native {@code feishu_configs} entry: a Feishu/Lark (飞书) custom bot. {@code url} is
 * the bot webhook ({@code https://open.feishu.cn/open-apis/bot/v2/hook/...}); with {@code secret}
 * (签名校验) each message carries timestamp and sign. {@code messageType}: interactive (card,
 * default), post or text. {@code atUserIds} are open_ids; {@code atAll} mentions everyone.
 */
public record FeishuConfig(
    boolean sendResolved,
    URI url,
    String secret,
    String messageType,
    String title,
    String text,
    List<String> atUserIds,
    boolean atAll,
    HttpConfig http) {

  public static final String DEFAULT_TITLE = "{{ template \"feishu.default.title\" . }}";
  public static final String DEFAULT_TEXT = "{{ template \"feishu.default.text\" . }}";

  static FeishuConfig read(YamlNode n, GlobalConfig g) {
    if (!n.has("url")) n.error("url", "is required (the bot webhook, https://open.feishu.cn/open-apis/bot/v2/hook/...)");
    String type = n.string("message_type", "interactive");
    if (!List.of("interactive", "post", "text").contains(type)) {
      n.error("message_type", "must be interactive, post or text, got \"" + type + "\"");
    }
    FeishuConfig c = new FeishuConfig(
        n.bool("send_resolved", true),
        n.url("url"),
        n.string("secret"),
        type,
        n.string("title", DEFAULT_TITLE),
        n.string("text", DEFAULT_TEXT),
        n.strings("at_user_ids"),
        n.bool("at_all", false),
        HttpConfig.read(n, "http_config", g.httpConfig()));
    n.finish();
    return c;
  }
}
