package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.util.List;

/**
 * pipelens' native {@code wecom_robot_configs} entry: a WeCom (企业微信) group robot. {@code url}
 * is the webhook with its {@code key}. {@code messageType}: markdown (default, 4096-byte limit) or
 * text (2048 bytes, supports {@code mentionedList}/{@code mentionedMobileList}, "@all" for all).
 */
public record WecomRobotConfig(
    boolean sendResolved,
    URI url,
    String messageType,
    String text,
    List<String> mentionedList,
    List<String> mentionedMobileList,
    HttpConfig http) {

  public static final String DEFAULT_TEXT = "{{ template \"wecom.default.text\" . }}";

  static WecomRobotConfig read(YamlNode n, GlobalConfig g) {
    if (!n.has("url")) n.error("url", "is required (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...)");
    URI url = n.url("url");
    if (url != null && (url.getRawQuery() == null || !url.getRawQuery().contains("key="))) {
      n.error("url", "must contain the robot's key query parameter");
    }
    String type = n.string("message_type", "markdown");
    if (!type.equals("markdown") && !type.equals("text")) {
      n.error("message_type", "must be markdown or text, got \"" + type + "\"");
    }
    WecomRobotConfig c = new WecomRobotConfig(
        n.bool("send_resolved", true),
        url,
        type,
        n.string("text", DEFAULT_TEXT),
        n.strings("mentioned_list"),
        n.strings("mentioned_mobile_list"),
        HttpConfig.read(n, "http_config", g.httpConfig()));
    n.finish();
    return c;
  }
}
