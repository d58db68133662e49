package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifyException;

/**
 * Counts each notification (after the retries of the wrapped notifier) as sent or failed and
 * times it, per receiver and integration kind ({@code email}, {@code dingtalk}, ...).
 */
final class MeteredNotifier implements Notifier {
  private final Notifier delegate;
  private final AlertingMetrics metrics;
  private final String integration;

  MeteredNotifier(Notifier delegate, AlertingMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
    String name = delegate.name();
    int bracket = name.indexOf('[');
    this.integration = bracket > 0 ? name.substring(0, bracket) : name;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean sendResolved() {
    return delegate.sendResolved();
  }

  @Override
  public void send(Notification notification) throws NotifyException {
    long start = System.nanoTime();
    boolean sent = false;
    try {
      delegate.send(notification);
      sent = true;
    } finally {
      metrics.notification(notification.receiver(), integration, sent, System.nanoTime() - start);
    }
  }
}
