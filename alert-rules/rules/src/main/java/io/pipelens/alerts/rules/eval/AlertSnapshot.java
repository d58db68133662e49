package io.pipelens.alerts.rules.eval;

import java.util.List;
import java.util.Map;

/**
 * The alert state of one group, to persist across restarts ({@link AlertSnapshotJson}).
 *
 * @param alerts by {@link #key(int, String)} of the alerting rule
 */
public record AlertSnapshot(String group, Map<String, List<Alert>> alerts) {
  public AlertSnapshot {
    alerts = Map.copyOf(alerts);
  }

  static String key(int index, String ruleName) {
    return index + ":" + ruleName;
  }
}
