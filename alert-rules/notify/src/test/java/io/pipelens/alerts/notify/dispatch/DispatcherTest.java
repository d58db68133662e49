package io.pipelens.alerts.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.alerts.notify.ManualScheduler;
import io.pipelens.alerts.notify.MutableClock;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.RecordingNotifier;
import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.alert.Matchers;
import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.silence.Silence;
import io.pipelens.alerts.notify.silence.Silences;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alertmanager's dispatch semantics, driven by a fake clock and a hand-cranked scheduler. */
class DispatcherTest {
  static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z"); // a Wednesday
  static final String CONFIG = """
      route:
        receiver: team
        group_by: [alertname]
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 1h
        routes:
          - matchers: ['team="night"']
            receiver: night
            mute_time_intervals: [weekend]
      receivers:
        - name: team
        - name: night
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [cluster]
      time_intervals:
        - name: weekend
          time_intervals:
            - weekdays: ['saturday', 'sunday']
      """;

  @TempDir Path dataDir;
  MutableClock clock;
  ManualScheduler scheduler;
  RecordingNotifier team;
  RecordingNotifier teamNoResolved;
  RecordingNotifier night;
  Silences silences;
  Dispatcher dispatcher;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    scheduler = new ManualScheduler(clock);
    start();
  }

  private void start() {
    NotifyConfig config = NotifyConfigParser.parse(CONFIG, dataDir);
    team = new RecordingNotifier("webhook[0]", true);
    teamNoResolved = new RecordingNotifier("email[0]", false);
    night = new RecordingNotifier("webhook[0]", true);
    silences = new Silences(clock, dataDir, Silences.DEFAULT_RETENTION);
    NotificationLog nflog = new NotificationLog(clock, dataDir, NotificationLog.DEFAULT_RETENTION);
    Map<String, List<Notifier>> receivers = Map.of("team", List.of(team, teamNoResolved), "night", List.of(night));
    dispatcher = new Dispatcher(config, receivers, silences, nflog, clock, scheduler, Runnable::run, "http://am");
  }

  private Alert alert(String name, String instance, Map<String, String> more) {
    var labels = new java.util.TreeMap<>(more);
    labels.put("alertname", name);
    labels.put("instance", instance);
    return new Alert(labels, Map.of("summary", name + " on " + instance), clock.instant(), clock.instant().plus(Duration.ofDays(3)), "", null, false);
  }

  private Alert resolvedNow(Alert a) {
    return new Alert(a.labels(), a.annotations(), a.startsAt(), clock.instant(), "", null, false);
  }

  @Test
  void relatedAlertsAreGroupedIntoOneMessageAfterGroupWait() {
    dispatcher.put(List.of(alert("PipelineLag", "etl-1", Map.of())));
    scheduler.advance(Duration.ofSeconds(10));
    dispatcher.put(List.of(alert("PipelineLag", "etl-2", Map.of())));

    scheduler.advance(Duration.ofSeconds(19));
    assertThat(team.sent()).isEmpty();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(team.sent()).hasSize(1);
    Notification n = team.sent().get(0);
    assertThat(n.alerts()).extracting(a -> a.labels().get("instance")).containsExactly("etl-1", "etl-2");
    assertThat(n.groupLabels()).isEqualTo(Map.of("alertname", "PipelineLag"));
    assertThat(n.groupKey()).isEqualTo("{}:{alertname=\"PipelineLag\"}");
    assertThat(dispatcher.groupKeys()).containsExactly("{}:{alertname=\"PipelineLag\"}");
  }

  @Test
  void siblingRoutesWithEqualMatchersAndContinueEachNotifyTheirReceiver() {
    NotifyConfig config = NotifyConfigParser.parse("""
        route:
          receiver: team
          group_by: [alertname]
          routes:
            - receiver: team
              continue: true
            - receiver: night
        receivers:
          - name: team
          - name: night
        """, dataDir.resolve("continue"));
    RecordingNotifier first = new RecordingNotifier("webhook[0]", true);
    RecordingNotifier second = new RecordingNotifier("webhook[0]", true);
    Dispatcher d = new Dispatcher(config, Map.of("team", List.of(first), "night", List.of(second)),
        new Silences(clock, dataDir.resolve("continue"), Silences.DEFAULT_RETENTION),
        new NotificationLog(clock, dataDir.resolve("continue"), NotificationLog.DEFAULT_RETENTION),
        clock, scheduler, Runnable::run, "http://am");

    d.put(List.of(alert("PipelineLag", "etl-1", Map.of())));
    scheduler.advance(Duration.ofSeconds(30));

    assertThat(first.sent()).hasSize(1);
    assertThat(second.sent()).as("the second sibling has no matchers either; Alertmanager keeps its group apart")
        .hasSize(1);
    assertThat(d.groupKeys()).containsExactly("{}/{}:{alertname=\"PipelineLag\"}", "{}/{}:{alertname=\"PipelineLag\"}");
    d.stop();
  }

  @Test
  void unchangedGroupIsNotResentBeforeRepeatIntervalThenIs() {
    dispatcher.put(List.of(alert("PipelineLag", "etl-1", Map.of())));
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(team.sent()).hasSize(1);

    scheduler.advance(Duration.ofMinutes(55)); // 11 group_interval flushes, nothing new
    assertThat(team.sent()).hasSize(1);

    scheduler.advance(Duration.ofMinutes(5)); // first flush at or after repeat_interval (1h)
    assertThat(team.sent()).hasSize(2);
  }

  @Test
  void newAlertInAGroupIsSentAtTheNextGroupInterval() {
    dispatcher.put(List.of(alert("PipelineLag", "etl-1", Map.of())));
    scheduler.advance(Duration.ofSeconds(30));
    dispatcher.put(List.of(alert("PipelineLag", "etl-2", Map.of())));

    scheduler.advance(Duration.ofMinutes(4));
    assertThat(team.sent()).hasSize(1);
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(team.sent()).hasSize(2);
    assertThat(team.sent().get(1).alerts()).hasSize(2);
  }

  @Test
  void resolvedNotificationGoesOnlyToSendResolvedIntegrations() {
    Alert a = alert("PipelineLag", "etl-1", Map.of());
    dispatcher.put(List.of(a));
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(teamNoResolved.sent()).hasSize(1);

    scheduler.advance(Duration.ofMinutes(1));
    dispatcher.put(List.of(resolvedNow(a)));
    scheduler.advance(Duration.ofMinutes(4));

    assertThat(team.sent()).hasSize(2);
    Notification resolved = team.sent().get(1);
    assertThat(resolved.data().status()).isEqualTo("resolved");
    assertThat(resolved.data().alerts().resolved()).hasSize(1);
    assertThat(teamNoResolved.sent()).hasSize(1);
    assertThat(dispatcher.groupKeys()).isEmpty();
  }

  @Test
  void alertWithoutEndResolvesAfterResolveTimeout() {
    Alert a = alert("PipelineLag", "etl-1", Map.of());
    dispatcher.put(List.of(new Alert(a.labels(), a.annotations(), null, null, "", null, false)));
    scheduler.advance(Duration.ofSeconds(30));

    scheduler.advance(Duration.ofMinutes(10)); // default resolve_timeout is 5m

    assertThat(team.sent()).hasSize(2);
    assertThat(team.sent().get(1).data().status()).isEqualTo("resolved");
  }

  @Test
  void silenceStopsNotificationsUntilItExpires() {
    String id = silences.set(new Silence(null, Matchers.parse("alertname=~\"Pipe.*\""), clock.instant(),
        clock.instant().plus(Duration.ofHours(2)), null, "ops@pipelens.io", "planned migration"));
    dispatcher.put(List.of(alert("PipelineLag", "etl-1", Map.of())));

    scheduler.advance(Duration.ofMinutes(30));
    assertThat(team.sent()).isEmpty();
    assertThat(dispatcher.alerts().get(0).status().state()).isEqualTo("suppressed");
    assertThat(dispatcher.alerts().get(0).status().silencedBy()).containsExactly(id);

    silences.expire(id);
    scheduler.advance(Duration.ofMinutes(5));

    assertThat(team.sent()).hasSize(1);
    assertThat(silences.get(id).orElseThrow().state(clock.instant())).isEqualTo(Silence.State.EXPIRED);
  }

  @Test
  void criticalAlertInhibitsWarningsOfTheSameCluster() {
    Alert critical = alert("ClusterDown", "a", Map.of("severity", "critical", "cluster", "eu"));
    Alert warningSame = alert("PipelineLag", "b", Map.of("severity", "warning", "cluster", "eu"));
    Alert warningOther = alert("PipelineLag", "c", Map.of("severity", "warning", "cluster", "us"));
    dispatcher.put(List.of(critical, warningSame, warningOther));

    scheduler.advance(Duration.ofSeconds(30));

    List<String> instances = team.sent().stream().flatMap(n -> n.alerts().stream()).map(a -> a.labels().get("instance")).toList();
    assertThat(instances).containsExactlyInAnyOrder("a", "c");
    AlertView inhibited = dispatcher.alerts().stream().filter(v -> v.alert().labels().get("instance").equals("b")).findFirst().orElseThrow();
    assertThat(inhibited.status().inhibitedBy()).containsExactly(critical.fingerprint());
  }

  @Test
  void muteTimeIntervalHoldsNotificationsOnWeekends() {
    clock.set(Instant.parse("2026-03-07T10:00:00Z")); // Saturday
    dispatcher.put(List.of(alert("NightlyJobFailed", "x", Map.of("team", "night"))));

    scheduler.advance(Duration.ofHours(12));
    assertThat(night.sent()).isEmpty();
    assertThat(team.sent()).isEmpty();

    clock.set(Instant.parse("2026-03-08T23:58:00Z"));
    scheduler.advance(Duration.ofMinutes(10)); // Monday 00:0x
    assertThat(night.sent()).hasSize(1);
  }

  @Test
  void restartWithPersistedStateSendsNoDuplicatesAndKeepsSilences() {
    Alert a = alert("PipelineLag", "etl-1", Map.of());
    Alert silenced = alert("DiskFull", "db-1", Map.of());
    String id = silences.set(new Silence(null, Matchers.parse("alertname=\"DiskFull\""), clock.instant(),
        clock.instant().plus(Duration.ofHours(8)), null, "ops", "known issue"));
    dispatcher.put(List.of(a, silenced));
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(team.sent()).hasSize(1);
    dispatcher.stop();

    start(); // a new process: fresh dispatcher, state read back from dataDir
    scheduler.advance(Duration.ofMinutes(2));
    dispatcher.put(List.of(a, silenced)); // Prometheus re-sends its firing alerts
    scheduler.advance(Duration.ofMinutes(30));

    assertThat(team.sent()).isEmpty();
    assertThat(silences.get(id)).isPresent();
    assertThat(silences.silencedBy(silenced.labels())).containsExactly(id);

    scheduler.advance(Duration.ofMinutes(30)); // repeat_interval since the first process' notification
    assertThat(team.sent()).hasSize(1);
    assertThat(team.sent().get(0).alerts()).extracting(Alert::name).containsExactly("PipelineLag");
  }

  @Test
  void failedSendIsTriedAgainAtTheNextFlush() {
    team.failNext(new NotifyException("http_500", true, "down"));
    dispatcher.put(List.of(alert("PipelineLag", "etl-1", Map.of())));
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(team.sent()).isEmpty();

    scheduler.advance(Duration.ofMinutes(5));

    assertThat(team.sent()).hasSize(1);
  }

  @Test
  void invalidAlertsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> dispatcher.put(List.of(new Alert(Map.of(), Map.of(), null, null, "", null, false))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must not be empty");
    Alert bad = new Alert(Map.of("alertname", "X"), Map.of(), T0, T0.minusSeconds(1), "", null, false);
    assertThatThrownBy(() -> dispatcher.put(List.of(bad))).hasMessageContaining("endsAt is before startsAt");
  }

  @Test
  void oldAlertIsFlushedWithoutWaitingForGroupWait() {
    Alert a = alert("PipelineLag", "etl-1", Map.of());
    dispatcher.put(List.of(new Alert(a.labels(), a.annotations(), T0.minus(Duration.ofMinutes(10)), a.endsAt(), "", null, false)));

    scheduler.runDue();

    assertThat(team.sent()).hasSize(1);
  }
  @Test
  void slowSendsAreNotOverlappedByTheNextFlush() {
    List<Runnable> pending = new java.util.ArrayList<>();
    NotifyConfig config = NotifyConfigParser.parse(CONFIG, dataDir);
    Dispatcher slow = new Dispatcher(config, Map.of("team", List.of(team)), new Silences(clock), new NotificationLog(clock),
        clock, scheduler, pending::add, "");
    slow.put(List.of(alert("PipelineLag", "etl-1", Map.of())));
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(pending).hasSize(1); // send started, not finished

    scheduler.advance(Duration.ofMinutes(10)); // two group_interval ticks while the platform hangs
    assertThat(pending).hasSize(1);
    pending.get(0).run();
    scheduler.advance(Duration.ofMinutes(5));

    assertThat(team.sent()).hasSize(1);
    assertThat(pending).hasSize(1); // nothing changed, nothing re-sent
  }

  @Test
  void resolvedAlertsAreForgottenAfterNotification() {
    Alert a = alert("PipelineLag", "etl-1", Map.of());
    dispatcher.put(List.of(a));
    scheduler.advance(Duration.ofSeconds(30));
    dispatcher.put(List.of(resolvedNow(a)));
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(dispatcher.groupKeys()).isEmpty();
    assertThat(dispatcher.alerts()).isEmpty(); // the API does not list resolved alerts
    assertThat(dispatcher.storedAlerts()).isEqualTo(1);

    scheduler.advance(Dispatcher.GC_INTERVAL);

    assertThat(dispatcher.storedAlerts()).isZero();
  }
}
