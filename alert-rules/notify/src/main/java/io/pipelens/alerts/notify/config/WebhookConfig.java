package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * {@code webhook_configs} entry: POSTs Alertmanager's version-4 JSON payload to {@code url}.
 * {@code maxAlerts} 0 = all; {@code timeout} null = no per-request timeout beyond the default (10s).
 */
public record WebhookConfig(boolean sendResolved, URI url, int maxAlerts, Duration timeout, HttpConfig http) {
  static WebhookConfig read(YamlNode n, GlobalConfig g) {
    if (!n.has("url")) n.error("url", "is required");
    WebhookConfig c = new WebhookConfig(
        n.bool("send_resolved", true),
        n.url("url"),
        n.integer("max_alerts", 0),
        n.duration("timeout"),
        HttpConfig.read(n, "http_config", g.httpConfig()));
    if (c.maxAlerts < 0) n.error("max_alerts", "must not be negative");
    n.finish(Map.of("url_file", "url_file is not supported; use url"));
    return c;
  }
}
