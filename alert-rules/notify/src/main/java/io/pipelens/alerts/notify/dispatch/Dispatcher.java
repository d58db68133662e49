package io.pipelens.alerts.notify.dispatch;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.inhibit.Inhibitor;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.route.Route;
import io.pipelens.alerts.notify.silence.Silences;
import io.pipelens.alerts.notify.timeinterval.TimeInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's dispatcher: routes received alerts into aggregation groups, flushes each group
 * after group_wait and then every group_interval, drops silenced and inhibited alerts, honours
 * mute/active time intervals, and sends to each integration only when the group changed since
 * the last notification or repeat_interval passed (see {@link NotificationLog}).
 *
 * <p>Time comes from the injected {@link Clock} and timers from the {@link Scheduler}; sends run on
 * {@code sendExecutor} (a direct executor in tests makes everything deterministic). Public methods
 * are thread-safe.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  static final Duration GC_INTERVAL = Duration.ofMinutes(15);

  private final NotifyConfig config;
  private final Route root;
  private final Map<String, List<Notifier>> receivers;
  private final Silences silences;
  private final NotificationLog nflog;
  private final Inhibitor inhibitor;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Executor sendExecutor;
  private final String externalURL;
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
  private boolean stopped;

  public Dispatcher(NotifyConfig config, Map<String, List<Notifier>> receivers, Silences silences,
      NotificationLog nflog, Clock clock, Scheduler scheduler, Executor sendExecutor, String externalURL) {
    this.config = config;
    this.root = Route.root(config.route());
    this.receivers = Map.copyOf(receivers);
    this.silences = silences;
    this.nflog = nflog;
    this.inhibitor = new Inhibitor(config.inhibitRules());
    this.clock = clock;
    this.scheduler = scheduler;
    this.sendExecutor = sendExecutor;
    this.externalURL = externalURL == null ? "" : externalURL;
    scheduleGc();
  }

  /**
   * Receives alerts (as POST /api/v2/alerts): a missing start is now, a missing end is now +
   * resolve_timeout. Re-sent alerts are merged with the stored version.
   *
   * @throws IllegalArgumentException for an alert without labels or ending before it starts; nothing is stored then
   */
  public synchronized void put(Collection<Alert> incoming) {
    Instant now = clock.instant();
    List<Alert> normalised = new ArrayList<>();
    int i = 0;
    for (Alert a : incoming) {
      if (a.labels().isEmpty()) throw new IllegalArgumentException("alert " + i + ": labels must not be empty");
      Instant start = a.startsAt() == null ? now : a.startsAt();
      Instant end = a.endsAt();
      boolean timeout = false;
      if (end == null) {
        end = now.plus(config.global().resolveTimeout());
        if (end.isBefore(start)) end = start;
        timeout = true;
      }
      if (end.isBefore(start)) throw new IllegalArgumentException("alert " + i + " (" + a.labels() + "): endsAt is before startsAt");
      normalised.add(new Alert(a.labels(), a.annotations(), start, end, a.generatorURL(), now, timeout));
      i++;
    }
    for (Alert a : normalised) {
      String fp = a.fingerprint();
      Alert old = alerts.get(fp);
      Alert merged = old != null && !old.endsAt().isBefore(a.startsAt()) ? old.merge(a, now) : a;
      alerts.put(fp, merged);
      for (Route r : root.match(merged.labels())) insert(r, merged, now);
    }
  }

  private void insert(Route r, Alert a, Instant now) {
    Map<String, String> gl = r.groupLabels(a.labels());
    AggregationGroup probe = new AggregationGroup(r, gl);
    AggregationGroup g = groups.get(probe.slot);
    if (g == null) {
      if (stopped) return;
      g = probe;
      groups.put(g.slot, g);
      AggregationGroup group = g;
      g.timer = scheduler.schedule(r.groupWait(), () -> flush(group));
    }
    g.alerts.put(a.fingerprint(), a);
    if (!g.hasFlushed && a.startsAt().plus(r.groupWait()).isBefore(now)) {
      g.timer.cancel();
      AggregationGroup group = g;
      g.timer = scheduler.schedule(Duration.ZERO, () -> flush(group));
    }
  }

  private void flush(AggregationGroup g) {
    List<Runnable> sends = new ArrayList<>();
    synchronized (this) {
      if (stopped || groups.get(g.slot) != g) return;
      Instant now = clock.instant();
      if (g.inFlight.get() > 0) { // slow platform: let the running sends finish before deciding again
        g.timer = scheduler.schedule(g.route.groupInterval(), () -> flush(g));
        return;
      }
      g.hasFlushed = true;
      Map<String, Alert> snapshot = new LinkedHashMap<>(g.alerts);
      if (!muted(g.route, now)) {
        List<Alert> visible = new ArrayList<>();
        for (Alert a : snapshot.values()) {
          if (!silences.silencedBy(a.labels()).isEmpty()) continue;
          if (!inhibitor.inhibitedBy(a.labels(), alerts.values(), now).isEmpty()) continue;
          visible.add(a);
        }
        visible.sort(AlertOrder.ALERTMANAGER);
        sends.addAll(prepareSends(g, visible, now));
      }
      // forget resolved alerts that did not change while we flushed
      snapshot.forEach((fp, a) -> {
        if (a.resolvedAt(now) && g.alerts.get(fp) == a) g.alerts.remove(fp);
      });
      if (g.alerts.isEmpty()) {
        groups.remove(g.slot);
      } else {
        g.timer = scheduler.schedule(g.route.groupInterval(), () -> flush(g));
      }
    }
    g.inFlight.addAndGet(sends.size());
    for (Runnable s : sends) {
      sendExecutor.execute(() -> {
        try {
          s.run();
        } finally {
          g.inFlight.decrementAndGet();
        }
      });
    }
  }

  private boolean muted(Route r, Instant now) {
    for (String name : r.muteTimeIntervals()) {
      if (TimeInterval.anyContains(config.timeIntervals().getOrDefault(name, List.of()), now)) return true;
    }
    if (r.activeTimeIntervals().isEmpty()) return false;
    for (String name : r.activeTimeIntervals()) {
      if (TimeInterval.anyContains(config.timeIntervals().getOrDefault(name, List.of()), now)) return false;
    }
    return true;
  }

  private List<Runnable> prepareSends(AggregationGroup g, List<Alert> visible, Instant now) {
    Set<String> firing = new LinkedHashSet<>();
    Set<String> resolved = new LinkedHashSet<>();
    for (Alert a : visible) (a.resolvedAt(now) ? resolved : firing).add(a.fingerprint());
    String receiver = g.route.receiver();
    List<Runnable> out = new ArrayList<>();
    for (Notifier n : receivers.getOrDefault(receiver, List.of())) {
      NotificationLog.Entry entry = nflog.get(g.key, receiver, n.name()).orElse(null);
      if (!needsUpdate(entry, firing, resolved, n.sendResolved(), g.route.repeatInterval(), now)) continue;
      List<Alert> toSend = n.sendResolved() ? visible : visible.stream().filter(a -> !a.resolvedAt(now)).toList();
      if (toSend.isEmpty()) {
        nflog.log(g.key, receiver, n.name(), firing, resolved);
        continue;
      }
      Notification notification = new Notification(receiver, g.key, g.groupLabels, toSend, now, externalURL);
      out.add(() -> {
        try {
          n.send(notification);
          nflog.log(g.key, receiver, n.name(), firing, resolved);
        } catch (NotifyException e) {
          LOG.warn("notification to {}/{} for group {} failed: {}", receiver, n.name(), g.key, e.getMessage());
        } catch (RuntimeException e) {
          LOG.warn("notifier {}/{} crashed", receiver, n.name(), e);
        }
      });
    }
    return out;
  }

  /** Alertmanager's DedupStage decision. */
  static boolean needsUpdate(NotificationLog.Entry entry, Set<String> firing, Set<String> resolved,
      boolean sendResolved, Duration repeat, Instant now) {
    if (entry == null) return !firing.isEmpty();
    if (!entry.isFiringSubset(firing)) return true;
    if (firing.isEmpty()) return !entry.firing().isEmpty();
    if (sendResolved && !entry.isResolvedSubset(resolved)) return true;
    return !entry.timestamp().isAfter(now.minus(repeat));
  }

  /** The unresolved alerts with their v2 API status (Alertmanager's GET /api/v2/alerts omits resolved ones). */
  public synchronized List<AlertView> alerts() {
    Instant now = clock.instant();
    List<AlertView> out = new ArrayList<>();
    for (Alert a : alerts.values()) {
      if (a.resolvedAt(now)) continue;
      out.add(view(a, now));
    }
    return out;
  }

  private AlertView view(Alert a, Instant now) {
    List<String> silenced = silences.silencedBy(a.labels());
    List<String> inhibited = inhibitor.inhibitedBy(a.labels(), alerts.values(), now);
    String state = silenced.isEmpty() && inhibited.isEmpty() ? "active" : "suppressed";
    List<String> rs = root.match(a.labels()).stream().map(Route::receiver).distinct().toList();
    return new AlertView(a, new AlertStatus(state, silenced, inhibited), rs);
  }

  /**
   * The aggregation groups with their unresolved alerts, in Alertmanager's order (by group labels,
   * then receiver); groups left without an alert are omitted.
   */
  public synchronized List<AlertGroupView> groups() {
    Instant now = clock.instant();
    List<AlertGroupView> out = new ArrayList<>();
    for (AggregationGroup g : groups.values()) {
      List<Alert> current = new ArrayList<>();
      for (Alert a : g.alerts.values()) {
        Alert latest = alerts.getOrDefault(a.fingerprint(), a);
        if (!latest.resolvedAt(now)) current.add(latest);
      }
      if (current.isEmpty()) continue;
      current.sort(AlertOrder.ALERTMANAGER);
      out.add(new AlertGroupView(g.groupLabels, g.route.receiver(),
          current.stream().map(a -> view(a, now)).toList()));
    }
    out.sort((x, y) -> {
      int c = compareLabels(x.labels(), y.labels());
      return c != 0 ? c : x.receiver().compareTo(y.receiver());
    });
    return out;
  }

  /** Prometheus' LabelSet.Before: by sorted names, then values, shorter sets first. */
  private static int compareLabels(Map<String, String> x, Map<String, String> y) {
    List<String> xs = new ArrayList<>(new java.util.TreeSet<>(x.keySet()));
    List<String> ys = new ArrayList<>(new java.util.TreeSet<>(y.keySet()));
    for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) {
      int c = xs.get(i).compareTo(ys.get(i));
      if (c != 0) return c;
      c = x.get(xs.get(i)).compareTo(y.get(ys.get(i)));
      if (c != 0) return c;
    }
    return Integer.compare(xs.size(), ys.size());
  }

  /** Alerts held in memory, resolved ones included until garbage collection. */
  synchronized int storedAlerts() {
    return alerts.size();
  }

  /** Group keys currently held, for diagnostics and tests. */
  public synchronized List<String> groupKeys() {
    return groups.values().stream().map(g -> g.key).toList();
  }

  private void scheduleGc() {
    scheduler.schedule(GC_INTERVAL, () -> {
      synchronized (this) {
        if (stopped) return;
        Instant now = clock.instant();
        Map<String, Boolean> inGroup = new HashMap<>();
        groups.values().forEach(g -> g.alerts.keySet().forEach(fp -> inGroup.put(fp, true)));
        alerts.values().removeIf(a -> a.resolvedAt(now) && !inGroup.containsKey(a.fingerprint()));
      }
      nflog.gc();
      silences.gc();
      scheduleGc();
    });
  }

  /** Cancels all timers; no more notifications are sent. */
  public synchronized void stop() {
    stopped = true;
    groups.values().forEach(g -> g.timer.cancel());
    groups.clear();
  }
}
