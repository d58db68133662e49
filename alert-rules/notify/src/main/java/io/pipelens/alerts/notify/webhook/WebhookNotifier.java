package io.pipelens.alerts.notify.webhook;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.WebhookConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.HttpResult;
import io.pipelens.alerts.notify.http.Json;

/** POSTs Alertmanager's version-4 webhook JSON; any 2xx is success. */
public final class WebhookNotifier extends IntegrationNotifier {
  private final WebhookConfig config;
  private final HttpPoster http;

  public WebhookNotifier(WebhookConfig config, HttpPoster http, int index) {
    super("webhook", index, config.sendResolved());
    this.config = config;
    this.http = http;
  }

  @Override
  public void send(Notification n) throws NotifyException {
    String body = Json.write(WebhookPayload.of(n, config.maxAlerts()));
    HttpResult r = http.postJson(config.url(), body, config.http(), config.timeout());
    HttpPoster.checkStatus(r, config.url());
  }
}
