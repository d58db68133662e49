package io.pipelens.alerts.rules;

import java.util.List;

/** The parsed, valid content of one Prometheus rule file. */
public record RuleFile(String path, List<RuleGroup> groups) {
  public RuleFile {
    groups = List.copyOf(groups);
  }

  public int ruleCount() {
    return groups.stream().mapToInt(g -> g.rules().size()).sum();
  }
}
