package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.pipelens.alerts.notify.fakes.DingTalkRobot;
import io.pipelens.alerts.notify.fakes.FeishuBot;
import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 done-means: a collector routes rule alerts by labels to e-mail (GreenMail, a real SMTP
 * server) and to DingTalk and Feishu robots that check signatures as the platforms do; related
 * alerts are grouped into one message, repeated after repeat_interval, resolved is sent, an
 * {@code amtool silence add} stops notifications, and a restart on the same data folder neither
 * repeats what was sent nor forgets the silence.
 */
class NotificationsEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DING_SECRET = "SEC7f3a0b9c1d2e4f5a6b7c8d9e0f1a2b3c";
  static final String FEISHU_SECRET = "feishuSecret42";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @TempDir Path dir;
  DingTalkRobot dingtalk;
  FeishuBot feishu;
  AlertingCollector collector;

  @BeforeEach
  void platforms() throws Exception {
    dingtalk = new DingTalkRobot("robot-token-1", DING_SECRET, Clock.systemUTC());
    feishu = new FeishuBot("0f1e2d3c-aaaa-bbbb", FEISHU_SECRET, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (collector != null) {
      collector.close();
    }
    dingtalk.close();
    feishu.close();
  }

  Path config(String repeatInterval) throws Exception {
    Path file = dir.resolve("alertmanager.yml");
    Files.writeString(file, """
        global:
          smtp_smarthost: 127.0.0.1:%d
          smtp_from: 'pipelens <alerts@example.com>'
          smtp_require_tls: false
        route:
          receiver: mail
          group_by: [alertname, pipeline]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: %s
          routes:
            - matchers: ['team="data"', 'severity="critical"']
              receiver: data-oncall
              continue: true
            - matchers: ['team="data"']
              receiver: mail
        receivers:
          - name: mail
            email_configs:
              - to: data-team@example.com
                send_resolved: true
          - name: data-oncall
            dingtalk_configs:
              - url: %s
                secret: %s
            feishu_configs:
              - url: %s
                secret: %s
        """.formatted(mail.getSmtp().getPort(), repeatInterval, dingtalk.url(), DING_SECRET,
        feishu.url(), FEISHU_SECRET));
    return file;
  }

  void startCollector(Path configFile) throws Exception {
    collector = new AlertingCollector(dir.resolve("data"), AlertingCollector.routing(configFile));
  }

  void restartCollector(Path configFile) throws Exception {
    collector.close();
    collector = null;
    startCollector(configFile);
  }

  static OutgoingAlert lag(String instance, Instant endsAt) {
    return new OutgoingAlert(Map.of("alertname", "PipelineLag", "pipeline", "train",
        "instance", instance, "severity", "critical", "team", "data"),
        Map.of("summary", "训练数据管道延迟 " + instance), Instant.parse("2026-11-22T05:00:00Z"), endsAt,
        "http://collector/graph?g0.expr=pipeline_lag");
  }

  static Instant firing() {
    return Instant.now().plus(Duration.ofHours(1));
  }

  List<String> mails(String subjectPart) throws Exception {
    List<String> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (m.getSubject().contains(subjectPart)) {
        out.add(m.getSubject() + "\n" + com.icegreen.greenmail.util.GreenMailUtil.getBody(m));
      }
    }
    return out;
  }

  @Test
  void relatedAlertsAreGroupedRepeatedAndResolvedOnEveryRoutedPlatform() throws Exception {
    Path file = config("3s");
    startCollector(file);
    collector.collector.alertSender().send(List.of(lag("etl-a", firing()), lag("etl-b", firing()),
        new OutgoingAlert(Map.of("alertname", "RowsDropped", "pipeline", "train",
            "severity", "warning", "team", "data"), Map.of(), Instant.now(), firing(), "")));

    // one message per platform for the two related alerts, both in it
    await().atMost(Duration.ofSeconds(20)).until(() -> dingtalk.accepted().size() >= 1
        && feishu.accepted().size() >= 1 && mails("PipelineLag").size() >= 1);
    Instant first = Instant.now();
    String ding = dingtalk.accepted().get(0).toString();
    assertThat(ding).contains("instance=etl-a").contains("instance=etl-b").contains("FIRING:2");
    assertThat(feishu.accepted().get(0).toString()).contains("etl-a").contains("etl-b");
    String mailText = mails("PipelineLag").get(0);
    assertThat(mailText).startsWith("[FIRING:2] PipelineLag train").contains("etl-a").contains("etl-b");
    // the warning went to e-mail only
    await().atMost(Duration.ofSeconds(10)).until(() -> mails("RowsDropped").size() == 1);
    assertThat(dingtalk.accepted()).noneMatch(m -> m.toString().contains("RowsDropped"));

    // repeat_interval (3s) later the still-firing group is sent again
    await().atMost(Duration.ofSeconds(20)).until(() -> dingtalk.accepted().size() >= 2
        && mails("PipelineLag").size() >= 2);
    assertThat(Duration.between(first, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

    // resolved, as the rule manager sends it: endsAt = when it resolved
    Instant now = Instant.now();
    collector.collector.alertSender().send(List.of(lag("etl-a", now), lag("etl-b", now)));
    await().atMost(Duration.ofSeconds(20)).until(() -> mails("[RESOLVED] PipelineLag").size() == 1
        && dingtalk.accepted().stream().anyMatch(m -> m.toString().contains("RESOLVED")));
    assertThat(mails("[RESOLVED] PipelineLag").get(0)).contains("etl-a").contains("etl-b");

    String metrics = collector.metrics();
    assertThat(metrics).containsPattern(
        "pipelens_notifications_total\\{integration=\"dingtalk\",outcome=\"sent\",receiver=\"data-oncall\"} [1-9]")
        .containsPattern("pipelens_notifications_total\\{integration=\"email\",outcome=\"sent\",receiver=\"mail\"} [1-9]")
        .contains("pipelens_notification_latency_seconds_count{integration=\"feishu\",receiver=\"data-oncall\"}")
        .containsPattern("pipelens_alerts\\{state=\"active\"} 1.0");
  }

  @Test
  void silenceStopsNotificationsAndRestartsNeitherRepeatNorForget() throws Exception {
    assumeTrue(Amtool.installed(), "amtool (Debian prometheus-alertmanager) is required");
    Path file = config("1h");
    startCollector(file);
    collector.collector.alertSender().send(List.of(lag("etl-a", firing()), lag("etl-b", firing())));
    await().atMost(Duration.ofSeconds(20)).until(() -> dingtalk.accepted().size() == 1
        && feishu.accepted().size() == 1 && mails("PipelineLag").size() == 1);

    // restart: the rule manager re-sends its firing alerts; the notification log says they were sent
    restartCollector(file);
    collector.collector.alertSender().send(List.of(lag("etl-a", firing()), lag("etl-b", firing())));
    assertNothingSentFor(Duration.ofSeconds(4), 1, 1, 1);

    // silence the pipeline; a new alert of the group would be notified, but it is silenced
    Amtool.Result added = Amtool.run("--alertmanager.url=" + collector.url(), "silence", "add",
        "pipeline=train", "--comment=planned backfill", "--author=alice", "--duration=2h");
    assertThat(added.exit()).as(added.err()).isZero();
    String id = added.out().trim();
    collector.collector.alertSender().send(List.of(lag("etl-c", firing())));
    assertNothingSentFor(Duration.ofSeconds(4), 1, 1, 1);
    assertThat(states()).containsOnly("suppressed").hasSize(3);

    // restart again: the silence is still there and still applies
    restartCollector(file);
    Amtool.Result listed = Amtool.run("--alertmanager.url=" + collector.url(), "silence", "query", "--quiet");
    assertThat(listed.lines()).containsExactly(id);
    collector.collector.alertSender().send(List.of(lag("etl-a", firing()), lag("etl-b", firing()),
        lag("etl-c", firing())));
    assertNothingSentFor(Duration.ofSeconds(3), 1, 1, 1);
    assertThat(states()).containsOnly("suppressed").hasSize(3);

    // expiring it lets the new alert through: the silence was what held it back
    Amtool.Result expired = Amtool.run("--alertmanager.url=" + collector.url(), "silence", "expire", id);
    assertThat(expired.exit()).as(expired.err()).isZero();
    await().atMost(Duration.ofSeconds(20)).until(() -> dingtalk.accepted().size() == 2
        && mails("PipelineLag").size() == 2);
    assertThat(dingtalk.accepted().get(1).toString()).contains("instance=etl-c").contains("FIRING:3");
  }

  void assertNothingSentFor(Duration quiet, int ding, int fei, int mailCount) {
    await("no further DingTalk, Feishu or e-mail message for " + quiet).during(quiet).atMost(quiet.plusSeconds(5)).until(() -> dingtalk.accepted().size() == ding
        && feishu.accepted().size() == fei && mails("PipelineLag").size() == mailCount);
  }

  List<String> states() throws Exception {
    JsonNode alerts = JSON.readTree(collector.get("/api/v2/alerts").body());
    List<String> out = new ArrayList<>();
    alerts.forEach(a -> out.add(a.path("status").path("state").asText()));
    return out;
  }
}
