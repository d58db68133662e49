package io.pipelens.alerts.rules.cli;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.rules.Rule;
import io.pipelens.alerts.rules.RuleFile;
import io.pipelens.alerts.rules.RuleGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * promtool's {@code duplicate-rules} lint: rules of a file with the same name (record or alert)
 * and the same labels, which would write the same series. A warning unless {@code --lint-fatal}.
 */
final class DuplicateRules {
  private DuplicateRules() {}

  private record Key(String metric, Labels labels) {}

  /** promtool's message ("lint error N duplicate rule(s) found. ..."), or empty when there are none. */
  static Optional<String> check(RuleFile file) {
    List<Key> keys = new ArrayList<>();
    for (RuleGroup g : file.groups()) {
      for (Rule r : g.rules()) {
        keys.add(new Key(r.name(), Labels.fromMap(r.labels())));
      }
    }
    keys.sort(Comparator.comparing(Key::metric).thenComparing(Key::labels));
    List<Key> dups = new ArrayList<>();
    for (int i = 1; i < keys.size(); i++) {
      if (keys.get(i).equals(keys.get(i - 1))) {
        dups.add(keys.get(i));
      }
    }
    if (dups.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("lint error ").append(dups.size()).append(" duplicate rule(s) found.\n");
    for (Key k : dups) {
      sb.append("Metric: ").append(k.metric()).append("\nLabel(s):\n");
      for (int i = 0; i < k.labels().size(); i++) {
        sb.append('\t').append(k.labels().name(i)).append(": ").append(k.labels().value(i)).append('\n');
      }
    }
    return Optional.of(sb.append("Might cause inconsistency while recording expressions").toString());
  }
}
