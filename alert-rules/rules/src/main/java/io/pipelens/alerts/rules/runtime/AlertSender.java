package io.pipelens.alerts.rules.runtime;

import java.util.List;

/**
 * Where evaluated alerts go after each group evaluation: the collector's own notifier, an external
 * Alertmanager, or both. Implementations must not block the evaluation for long and must not throw
 * for delivery problems (they log and count them).
 */
@FunctionalInterface
public interface AlertSender {
  void send(List<OutgoingAlert> alerts);

  AlertSender NONE = alerts -> { };
}
