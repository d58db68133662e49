package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.util.Map;

/**
 * {@code wechat_configs} entry: WeCom (企业微信) application messages via {@code gettoken} and
 * {@code message/send}. {@code apiUrl} ends with a slash (default https://qyapi.weixin.qq.com/cgi-bin/);
 * {@code messageType} is text or markdown.
 */
public record WechatConfig(
    boolean sendResolved,
    URI apiUrl,
    String corpId,
    String apiSecret,
    String agentId,
    String toUser,
    String toParty,
    String toTag,
    String message,
    String messageType,
    HttpConfig http) {

  static WechatConfig read(YamlNode n, GlobalConfig g) {
    String api = n.string("api_url", g.wechatApiUrl());
    URI apiUrl = null;
    try {
      apiUrl = URI.create(api.endsWith("/") ? api : api + "/");
    } catch (IllegalArgumentException e) {
      n.error("api_url", "not a valid URL");
    }
    String corp = n.string("corp_id", g.wechatApiCorpId());
    String secret = n.string("api_secret", g.wechatApiSecret());
    if (corp == null) n.error("corp_id", "no corp id: set corp_id here or global.wechat_api_corp_id");
    if (secret == null) n.error("api_secret", "no secret: set api_secret here or global.wechat_api_secret");
    String type = n.string("message_type", "text");
    if (!type.equals("text") && !type.equals("markdown")) {
      n.error("message_type", "must be text or markdown, got \"" + type + "\"");
    }
    WechatConfig c = new WechatConfig(
        n.bool("send_resolved", false),
        apiUrl,
        corp,
        secret,
        n.string("agent_id", "{{ template \"wechat.default.agent_id\" . }}"),
        n.string("to_user", "{{ template \"wechat.default.to_user\" . }}"),
        n.string("to_party", "{{ template \"wechat.default.to_party\" . }}"),
        n.string("to_tag", "{{ template \"wechat.default.to_tag\" . }}"),
        n.string("message", "{{ template \"wechat.default.message\" . }}"),
        type,
        HttpConfig.read(n, "http_config", g.httpConfig()));
    n.finish(Map.of("api_secret_file", "api_secret_file is not supported; use api_secret"));
    return c;
  }
}
