package io.pipelens.alerts.notify.dispatch;

import java.util.List;
import java.util.Map;

/**
 * One aggregation group as {@code GET /api/v2/alerts/groups} shows it: the group labels, the
 * route's receiver and the group's unresolved alerts (sorted as in a notification).
 */
public record AlertGroupView(Map<String, String> labels, String receiver, List<AlertView> alerts) {
  public AlertGroupView {
    labels = io.pipelens.alerts.notify.alert.Labels.copy(labels);
    alerts = List.copyOf(alerts);
  }
}
