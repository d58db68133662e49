package io.pipelens.alerts.rules;

import java.util.List;
import java.util.Map;

/**
 * A named list of rules evaluated in order at one interval.
 *
 * @param intervalMs evaluation interval; 0 means the global default
 * @param queryOffsetMs evaluation looks this far into the past (Prometheus 3 {@code query_offset}); 0 by default
 * @param limit most alerts (alerting rule) or series (recording rule) one rule may produce; 0 = no limit
 * @param labels added to every rule's labels; a rule's own label of the same name wins
 */
public record RuleGroup(String name, long intervalMs, long queryOffsetMs, int limit, Map<String, String> labels,
    List<Rule> rules) {
  public RuleGroup {
    labels = Map.copyOf(labels);
    rules = List.copyOf(rules);
  }
}
