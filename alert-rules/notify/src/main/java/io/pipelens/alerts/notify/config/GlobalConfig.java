package io.pipelens.alerts.notify.config;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code global} section: defaults shared by receivers. {@code resolveTimeout} defaults to 5m
 * and {@code smtpRequireTls} to true, as in Alertmanager.
 */
public record GlobalConfig(
    Duration resolveTimeout,
    String smtpFrom,
    String smtpHello,
    String smtpSmarthost,
    String smtpAuthUsername,
    String smtpAuthPassword,
    String smtpAuthIdentity,
    boolean smtpRequireTls,
    String slackApiUrl,
    String wechatApiUrl,
    String wechatApiSecret,
    String wechatApiCorpId,
    HttpConfig httpConfig) {

  public static final GlobalConfig DEFAULT = new GlobalConfig(Duration.ofMinutes(5), null, "localhost", null, null,
      null, null, true, null, "https://qyapi.weixin.qq.com/cgi-bin/", null, null, HttpConfig.DEFAULT);

  static GlobalConfig read(YamlNode n) {
    if (n == null) return DEFAULT;
    Duration resolve = n.duration("resolve_timeout");
    GlobalConfig g = new GlobalConfig(
        resolve == null ? DEFAULT.resolveTimeout : resolve,
        n.string("smtp_from"),
        n.string("smtp_hello", "localhost"),
        n.string("smtp_smarthost"),
        n.string("smtp_auth_username"),
        n.string("smtp_auth_password"),
        n.string("smtp_auth_identity"),
        n.bool("smtp_require_tls", true),
        n.string("slack_api_url"),
        n.string("wechat_api_url", DEFAULT.wechatApiUrl),
        n.string("wechat_api_secret"),
        n.string("wechat_api_corp_id"),
        HttpConfig.read(n, "http_config", HttpConfig.DEFAULT));
    String unsupported = "is not supported by pipelens (no such receiver type here)";
    n.finish(Map.ofEntries(
        Map.entry("smtp_auth_secret", "smtp_auth_secret (CRAM-MD5) is not supported; use smtp_auth_password"),
        Map.entry("smtp_auth_password_file", "smtp_auth_password_file is not supported; use smtp_auth_password"),
        Map.entry("slack_api_url_file", "slack_api_url_file is not supported; use slack_api_url"),
        Map.entry("pagerduty_url", "pagerduty_url " + unsupported),
        Map.entry("opsgenie_api_url", "opsgenie_api_url " + unsupported),
        Map.entry("opsgenie_api_key", "opsgenie_api_key " + unsupported),
        Map.entry("victorops_api_url", "victorops_api_url " + unsupported),
        Map.entry("victorops_api_key", "victorops_api_key " + unsupported),
        Map.entry("telegram_api_url", "telegram_api_url " + unsupported),
        Map.entry("webex_api_url", "webex_api_url " + unsupported)));
    return g;
  }
}
