package io.pipelens.alerts.notify.inhibit;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.alert.Matchers;
import io.pipelens.alerts.notify.config.InhibitRuleConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies inhibit rules: an alert is muted while a firing alert matching a rule's source matchers
 * has the same values for the rule's {@code equal} labels. An alert matching both sides of a rule
 * does not inhibit itself (Alertmanager's behaviour).
 */
public final class Inhibitor {
  private final List<InhibitRuleConfig> rules;

  public Inhibitor(List<InhibitRuleConfig> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Fingerprints of the alerts inhibiting {@code labels}; empty when not inhibited. */
  public List<String> inhibitedBy(Map<String, String> labels, Collection<Alert> alerts, Instant now) {
    List<String> by = new ArrayList<>();
    for (InhibitRuleConfig r : rules) {
      if (!Matchers.all(r.targetMatchers(), labels)) continue;
      for (Alert source : alerts) {
        if (source.resolvedAt(now)) continue;
        if (!Matchers.all(r.sourceMatchers(), source.labels())) continue;
        if (source.labels().equals(labels)) continue;
        boolean equal = true;
        for (String l : r.equal()) {
          if (!Objects.equals(source.labels().getOrDefault(l, ""), labels.getOrDefault(l, ""))) {
            equal = false;
            break;
          }
        }
        if (equal && !by.contains(source.fingerprint())) by.add(source.fingerprint());
      }
    }
    return by;
  }
}
