package io.pipelens.alerts.notify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** A named receiver and its integrations. A receiver without integrations is valid (a "blackhole"). */
public record ReceiverConfig(
    String name,
    List<EmailConfig> emailConfigs,
    List<WebhookConfig> webhookConfigs,
    List<SlackConfig> slackConfigs,
    List<WechatConfig> wechatConfigs,
    List<DingTalkConfig> dingtalkConfigs,
    List<FeishuConfig> feishuConfigs,
    List<WecomRobotConfig> wecomRobotConfigs) {

  static ReceiverConfig read(YamlNode n, GlobalConfig g) {
    ReceiverConfig r = new ReceiverConfig(
        n.required("name"),
        each(n, "email_configs", g, EmailConfig::read),
        each(n, "webhook_configs", g, WebhookConfig::read),
        each(n, "slack_configs", g, SlackConfig::read),
        each(n, "wechat_configs", g, WechatConfig::read),
        each(n, "dingtalk_configs", g, DingTalkConfig::read),
        each(n, "feishu_configs", g, FeishuConfig::read),
        each(n, "wecom_robot_configs", g, WecomRobotConfig::read));
    String no = " is not supported by pipelens; supported: email_configs, webhook_configs, slack_configs, "
        + "wechat_configs, dingtalk_configs, feishu_configs, wecom_robot_configs";
    n.finish(Map.of(
        "pagerduty_configs", "pagerduty_configs" + no,
        "opsgenie_configs", "opsgenie_configs" + no,
        "victorops_configs", "victorops_configs" + no,
        "pushover_configs", "pushover_configs" + no,
        "sns_configs", "sns_configs" + no,
        "telegram_configs", "telegram_configs" + no,
        "webex_configs", "webex_configs" + no,
        "discord_configs", "discord_configs" + no,
        "msteams_configs", "msteams_configs" + no,
        "msteamsv2_configs", "msteamsv2_configs" + no));
    return r;
  }

  private static <T> List<T> each(YamlNode n, String key, GlobalConfig g, BiFunction<YamlNode, GlobalConfig, T> reader) {
    List<T> out = new ArrayList<>();
    for (YamlNode c : n.list(key)) out.add(reader.apply(c, g));
    return List.copyOf(out);
  }

  public int integrationCount() {
    return emailConfigs.size() + webhookConfigs.size() + slackConfigs.size() + wechatConfigs.size()
        + dingtalkConfigs.size() + feishuConfigs.size() + wecomRobotConfigs.size();
  }
}
