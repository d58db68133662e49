package io.pipelens.alerts.rules.eval;

import java.util.List;

/** The outcome of one group evaluation: the rules that failed (the others ran normally). */
public record GroupResult(String group, long timestampMs, List<RuleError> errors) {
  public GroupResult {
    errors = List.copyOf(errors);
  }

  /** A failed rule: its 0-based position in the group, its name and Prometheus's error text. */
  public record RuleError(int index, String rule, String message) {}
}
