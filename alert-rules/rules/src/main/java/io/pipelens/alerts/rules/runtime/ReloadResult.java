package io.pipelens.alerts.rules.runtime;

import java.util.List;

/**
 * Outcome of loading the rule files: on failure nothing changed (the previous rules keep running)
 * and {@link #errors()} lists every problem, each naming its file, group, rule and line.
 */
public record ReloadResult(boolean successful, int groups, int rules, List<String> errors) {
  public ReloadResult {
    errors = List.copyOf(errors);
  }
}
