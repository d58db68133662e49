package io.pipelens.alerts.rules.eval;

import io.pipelens.alerts.promql.Labels;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert of an alerting rule. Times are milliseconds since the epoch, 0 when not reached.
 *
 * @param labels series labels (without {@code __name__}) + rule labels + {@code alertname}
 * @param value the expression's value at the last evaluation that returned this alert
 * @param activeAtMs when it became pending (the start of the {@code for} wait)
 * @param resolvedAtMs when it became inactive after being active (0 while active)
 * @param keepFiringSinceMs when the expression stopped returning a firing alert kept by {@code keep_firing_for}
 */
public record Alert(Labels labels, Map<String, String> annotations, AlertState state, double value, long activeAtMs,
    long firedAtMs, long resolvedAtMs, long keepFiringSinceMs) {
  public Alert {
    annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  public Alert withState(AlertState s) {
    return new Alert(labels, annotations, s, value, activeAtMs, firedAtMs, resolvedAtMs, keepFiringSinceMs);
  }

  public Alert fired(long t) {
    return new Alert(labels, annotations, AlertState.FIRING, value, activeAtMs, t, resolvedAtMs, 0);
  }

  public Alert resolved(long t) {
    return new Alert(labels, annotations, AlertState.INACTIVE, value, activeAtMs, firedAtMs, t, keepFiringSinceMs);
  }

  public Alert keepFiringSince(long t) {
    return new Alert(labels, annotations, state, value, activeAtMs, firedAtMs, resolvedAtMs, t);
  }

  /** The same alert with a new value and annotations from this evaluation. */
  public Alert updated(double v, Map<String, String> newAnnotations) {
    return new Alert(labels, newAnnotations, state, v, activeAtMs, firedAtMs, resolvedAtMs, 0);
  }
}
