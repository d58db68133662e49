package io.pipelens.alerts.notify.route;

import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.alert.Matchers;
import io.pipelens.alerts.notify.config.RouteConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A node of the routing tree with inherited settings resolved. Defaults as in Alertmanager:
 * group_wait 30s, group_interval 5m, repeat_interval 4h, no grouping labels.
 *
 * @param key Alertmanager's route key: the parent's key, "/", and this route's matchers; "{}" for the root
 * @param id Alertmanager's route ID: like the key, plus each route's position among its siblings, so
 *     two sibling routes with equal matchers (e.g. none, with {@code continue}) stay apart
 */
public record Route(
    String key,
    String id,
    String receiver,
    List<Matcher> matchers,
    boolean continueMatching,
    List<String> groupBy,
    boolean groupByAll,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    List<String> muteTimeIntervals,
    List<String> activeTimeIntervals,
    List<Route> routes) {

  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  public static Route root(RouteConfig c) {
    return build(c, null, 0);
  }

  private static Route build(RouteConfig c, Route parent, int index) {
    String own = "{" + c.matchers().stream().map(Matcher::toString).collect(Collectors.joining(",")) + "}";
    String key = parent == null ? "{}" : parent.key + "/" + own;
    String id = parent == null ? "{}" : parent.id + "/" + own + "/" + index;
    List<String> groupBy = c.groupBy() != null ? c.groupBy() : parent != null ? parent.groupBy : List.of();
    boolean all = groupBy.contains("...");
    Route self = new Route(
        key,
        id,
        c.receiver() != null ? c.receiver() : parent.receiver,
        c.matchers(),
        c.continueMatching(),
        all ? List.of() : groupBy,
        all || (c.groupBy() == null && parent != null && parent.groupByAll),
        pick(c.groupWait(), parent == null ? null : parent.groupWait, DEFAULT_GROUP_WAIT),
        pick(c.groupInterval(), parent == null ? null : parent.groupInterval, DEFAULT_GROUP_INTERVAL),
        pick(c.repeatInterval(), parent == null ? null : parent.repeatInterval, DEFAULT_REPEAT_INTERVAL),
        c.muteTimeIntervals(),
        c.activeTimeIntervals(),
        new ArrayList<>());
    for (RouteConfig child : c.routes()) self.routes.add(build(child, self, self.routes.size()));
    return self;
  }

  private static Duration pick(Duration own, Duration inherited, Duration def) {
    return own != null ? own : inherited != null ? inherited : def;
  }

  /** Alertmanager's matching: depth-first, first matching child wins unless it has continue; no child = this route. */
  public List<Route> match(Map<String, String> labels) {
    if (!Matchers.all(matchers, labels)) return List.of();
    List<Route> all = new ArrayList<>();
    for (Route child : routes) {
      List<Route> m = child.match(labels);
      all.addAll(m);
      if (!m.isEmpty() && !child.continueMatching) break;
    }
    if (all.isEmpty()) all.add(this);
    return all;
  }

  /** The labels an alert is grouped by on this route. */
  public Map<String, String> groupLabels(Map<String, String> labels) {
    if (groupByAll) return new TreeMap<>(labels);
    Map<String, String> g = new TreeMap<>();
    for (String l : groupBy) {
      String v = labels.get(l);
      if (v != null && !v.isEmpty()) g.put(l, v);
    }
    return g;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Route r && r.key.equals(key) && r.receiver.equals(receiver);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + receiver.hashCode();
  }

  @Override
  public String toString() {
    return "Route[" + key + " -> " + receiver + "]";
  }
}
