package io.pipelens.alerts.notify.config;

import io.pipelens.alerts.notify.alert.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * An inhibition rule: while an alert matching {@code sourceMatchers} fires, alerts matching
 * {@code targetMatchers} with the same values for the {@code equal} labels are muted.
 */
public record InhibitRuleConfig(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
  static InhibitRuleConfig read(YamlNode n) {
    List<Matcher> source = new ArrayList<>(n.legacyMatchers("source_match", false));
    source.addAll(n.legacyMatchers("source_match_re", true));
    source.addAll(n.matchers("source_matchers"));
    List<Matcher> target = new ArrayList<>(n.legacyMatchers("target_match", false));
    target.addAll(n.legacyMatchers("target_match_re", true));
    target.addAll(n.matchers("target_matchers"));
    List<String> equal = n.strings("equal");
    if (source.isEmpty()) n.error("source_matchers", "an inhibit rule needs at least one source matcher");
    if (target.isEmpty()) n.error("target_matchers", "an inhibit rule needs at least one target matcher");
    n.finish();
    return new InhibitRuleConfig(List.copyOf(source), List.copyOf(target), List.copyOf(equal));
  }
}
