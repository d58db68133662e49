package io.pipelens.alerts.notify;

import io.pipelens.alerts.notify.config.DingTalkConfig;
import io.pipelens.alerts.notify.config.EmailConfig;
import io.pipelens.alerts.notify.config.FeishuConfig;
import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.config.ReceiverConfig;
import io.pipelens.alerts.notify.config.SlackConfig;
import io.pipelens.alerts.notify.config.WebhookConfig;
import io.pipelens.alerts.notify.config.WechatConfig;
import io.pipelens.alerts.notify.config.WecomRobotConfig;
import io.pipelens.alerts.notify.dingtalk.DingTalkNotifier;
import io.pipelens.alerts.notify.email.EmailNotifier;
import io.pipelens.alerts.notify.feishu.FeishuNotifier;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.slack.SlackNotifier;
import io.pipelens.alerts.notify.webhook.WebhookNotifier;
import io.pipelens.alerts.notify.wecom.WechatNotifier;
import io.pipelens.alerts.notify.wecom.WecomRobotNotifier;
import io.pipelens.alerts.template.Templates;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds the notifiers of every receiver in a configuration, each wrapped in a
 * {@link RetryingNotifier} and, for chat robots, a {@link RateLimitedNotifier} whose
 * {@link SendRateLimit} is shared by every integration posting to the same robot:
 * DingTalk 20/min, WeCom robot 20/min, Feishu 5/s and 100/min, Slack 1/s.
 */
public final class Integrations {
  /** Retry policy: attempts, first backoff, maximum backoff. */
  public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  private final HttpPoster http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final NotifyListener listener;
  private final RetryPolicy retry;
  private final Map<String, SendRateLimit> limits = new ConcurrentHashMap<>();

  public Integrations(HttpPoster http, Clock clock, Sleeper sleeper, NotifyListener listener, RetryPolicy retry) {
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
    this.listener = listener;
    this.retry = retry;
  }

  /** Receiver name to its notifiers, using the default templates plus the config's template files. */
  public Map<String, List<Notifier>> build(NotifyConfig config) {
    Renderer renderer = new Renderer(NotifyConfigParser.templates(config));
    Map<String, List<Notifier>> out = new LinkedHashMap<>();
    for (ReceiverConfig r : config.receivers()) out.put(r.name(), build(r, renderer));
    return out;
  }

  public List<Notifier> build(ReceiverConfig r, Renderer renderer) {
    List<Notifier> out = new ArrayList<>();
    int i = 0;
    for (EmailConfig c : r.emailConfigs()) out.add(retrying(new EmailNotifier(c, renderer, clock, i++)));
    i = 0;
    for (WebhookConfig c : r.webhookConfigs()) out.add(retrying(new WebhookNotifier(c, http, i++)));
    i = 0;
    for (SlackConfig c : r.slackConfigs()) {
      out.add(retrying(limited(new SlackNotifier(c, http, renderer, i++), c.apiUrl(), u -> SendRateLimit.perSecond(1, clock))));
    }
    i = 0;
    for (WechatConfig c : r.wechatConfigs()) out.add(retrying(new WechatNotifier(c, http, renderer, clock, i++)));
    i = 0;
    for (DingTalkConfig c : r.dingtalkConfigs()) {
      out.add(retrying(limited(new DingTalkNotifier(c, http, renderer, clock, i++), c.url(), u -> SendRateLimit.perMinute(20, clock))));
    }
    i = 0;
    for (FeishuConfig c : r.feishuConfigs()) {
      Notifier perSecond = limited(new FeishuNotifier(c, http, renderer, clock, i++), c.url(), u -> SendRateLimit.perSecond(5, clock));
      out.add(retrying(limited(perSecond, URI.create(c.url() + "#per-minute"), u -> SendRateLimit.perMinute(100, clock))));
    }
    i = 0;
    for (WecomRobotConfig c : r.wecomRobotConfigs()) {
      out.add(retrying(limited(new WecomRobotNotifier(c, http, renderer, i++), c.url(), u -> SendRateLimit.perMinute(20, clock))));
    }
    return out;
  }

  private Notifier limited(Notifier n, URI robot, Function<String, SendRateLimit> limit) {
    return new RateLimitedNotifier(n, limits.computeIfAbsent(String.valueOf(robot), limit), sleeper, listener);
  }

  private Notifier retrying(Notifier n) {
    return new RetryingNotifier(n, retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), sleeper, listener);
  }
}
