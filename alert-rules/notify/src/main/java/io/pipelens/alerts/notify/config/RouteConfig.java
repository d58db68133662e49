package io.pipelens.alerts.notify.config;

import io.pipelens.alerts.notify.alert.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of the routing tree as written. Null fields are inherited from the parent route
 * (see {@code io.pipelens.alerts.notify.route.Route}); {@code groupBy} null means "inherit",
 * and the single entry {@code "..."} means "group by all labels".
 */
public record RouteConfig(
    String receiver,
    List<Matcher> matchers,
    boolean continueMatching,
    List<String> groupBy,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    List<String> muteTimeIntervals,
    List<String> activeTimeIntervals,
    List<RouteConfig> routes) {

  static RouteConfig read(YamlNode n, boolean root) {
    List<Matcher> matchers = new ArrayList<>(n.legacyMatchers("match", false));
    matchers.addAll(n.legacyMatchers("match_re", true));
    matchers.addAll(n.matchers("matchers"));
    List<String> groupBy = n.has("group_by") ? n.strings("group_by") : null;
    if (groupBy != null && groupBy.contains("...") && groupBy.size() > 1) {
      n.error("group_by", "cannot have wildcard \"...\" and other labels at the same time");
    }
    if (groupBy != null) {
      for (String g : groupBy) {
        if (!g.equals("...") && !g.matches("[a-zA-Z_][a-zA-Z0-9_]*")) n.error("group_by", "invalid label name \"" + g + "\"");
      }
    }
    List<RouteConfig> children = new ArrayList<>();
    for (YamlNode c : n.list("routes")) children.add(read(c, false));
    RouteConfig r = new RouteConfig(
        n.string("receiver"),
        List.copyOf(matchers),
        n.bool("continue", false),
        groupBy == null ? null : List.copyOf(groupBy),
        n.duration("group_wait"),
        n.duration("group_interval"),
        n.duration("repeat_interval"),
        n.strings("mute_time_intervals"),
        n.strings("active_time_intervals"),
        List.copyOf(children));
    if (r.groupInterval != null && r.groupInterval.isZero()) n.error("group_interval", "must be greater than 0");
    if (r.repeatInterval != null && r.repeatInterval.isZero()) n.error("repeat_interval", "must be greater than 0");
    if (root) {
      if (r.receiver == null || r.receiver.isEmpty()) n.error("receiver", "the root route must have a receiver");
      if (!matchers.isEmpty()) n.error("matchers", "the root route must not have any matchers");
      if (r.continueMatching) n.error("continue", "the root route cannot have continue set");
      if (!r.muteTimeIntervals.isEmpty()) n.error("mute_time_intervals", "the root route cannot have mute time intervals");
      if (!r.activeTimeIntervals.isEmpty()) n.error("active_time_intervals", "the root route cannot have active time intervals");
    }
    n.finish(Map.of());
    return r;
  }
}
