package io.pipelens.alerts.notify.dispatch;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.alert.Labels;
import io.pipelens.alerts.notify.route.Route;
import java.util.LinkedHashMap;
import java.util.Map;

/** The alerts of one route sharing the same group labels; flushed on its own timer. Guarded by the dispatcher. */
final class AggregationGroup {
  final Route route;
  final Map<String, String> groupLabels;
  /** The group key notifications and the notification log carry (Alertmanager's route key + labels). */
  final String key;
  /** Unique per route and labels: the dispatcher's map key (sibling routes may share a key). */
  final String slot;
  final Map<String, Alert> alerts = new LinkedHashMap<>();
  boolean hasFlushed;
  /** Sends of the previous flush still running; a flush waits for them like Alertmanager's per-group loop. */
  final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  Scheduler.Cancellable timer;

  AggregationGroup(Route route, Map<String, String> groupLabels) {
    this.route = route;
    this.groupLabels = Map.copyOf(groupLabels);
    this.key = route.key() + ":" + Labels.format(groupLabels);
    this.slot = route.id() + ":" + Labels.format(groupLabels);
  }
}
