package io.pipelens.alerts.notify.dispatch;

import java.util.List;

/**
 * Alertmanager API v2's {@code status} of an alert: state is {@code active}, {@code suppressed}
 * (silenced or inhibited) or {@code unprocessed}.
 */
public record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
  public AlertStatus {
    silencedBy = List.copyOf(silencedBy);
    inhibitedBy = List.copyOf(inhibitedBy);
  }

  public boolean suppressed() {
    return !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
  }
}
