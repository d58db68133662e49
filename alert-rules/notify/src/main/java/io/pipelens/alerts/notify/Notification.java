package io.pipelens.alerts.notify;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.message.TemplateData;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message to send: an aggregation group's alerts for one receiver at one instant. Resolved
 * alerts are included only for integrations with {@code send_resolved}.
 *
 * @param groupKey Alertmanager-style key, e.g. {@code {}/{team="data"}:{alertname="Lag"}}
 * @param now the instant the group was flushed; alerts whose endsAt is not after it are resolved
 */
public record Notification(
    String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> alerts, Instant now,
    String externalURL) {

  public Notification {
    groupLabels = Map.copyOf(groupLabels);
    alerts = List.copyOf(alerts);
  }

  public TemplateData data() {
    return TemplateData.of(receiver, groupLabels, alerts, now, externalURL);
  }

  public long firingCount() {
    return alerts.stream().filter(a -> !a.resolvedAt(now)).count();
  }
}
