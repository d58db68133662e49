package io.pipelens.collector.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding to a real external Alertmanager (Debian's prometheus-alertmanager), checked with
 * amtool against that Alertmanager: delivered although it starts after the alert fired (retry and
 * re-send), learnt again after it restarted with empty memory, resolved when the rule resolves;
 * a dead Alertmanager next to it is counted as failed and delays nothing.
 */
class ForwardingTest {
  @TempDir Path dir;

  @Test
  void alertsReachTheExternalAlertmanagerAndAreResentWhileFiring() throws Exception {
    assumeTrue(ExternalAlertmanager.installed() && Amtool.installed(),
        "prometheus-alertmanager and amtool (Debian) are required");
    int port = ExternalAlertmanager.freePort();
    int dead = ExternalAlertmanager.freePort();
    String amUrl = "http://127.0.0.1:" + port;
    String deadUrl = "http://127.0.0.1:" + dead;
    try (AlertingCollector c = new AlertingCollector(dir.resolve("data"), cfg -> cfg.withAlerting(
        new io.pipelens.collector.config.CollectorConfig.Alerting(cfg.alerting().listener(), "", "",
            List.of(URI.create(amUrl), URI.create(deadUrl)), Duration.ofSeconds(1))))) {
      OutgoingAlert firing = new OutgoingAlert(
          Map.of("alertname", "FeatureDrift", "model", "churn", "severity", "warning"),
          Map.of("summary", "PSI 0.31 on tenure"), Instant.now().minusSeconds(60),
          Instant.now().plus(Duration.ofHours(1)), "http://collector/drift");
      c.collector.alertSender().send(List.of(firing));

      // the Alertmanager starts only now: the alert still arrives (retries, then re-sends)
      try (ExternalAlertmanager am = new ExternalAlertmanager(dir.resolve("am1"), port)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> queried(amUrl).contains("FeatureDrift"));
        assertThat(queried(amUrl)).contains("PSI 0.31 on tenure");
      }
      // a restarted Alertmanager keeps no alerts; the re-send brings it back
      try (ExternalAlertmanager am = new ExternalAlertmanager(dir.resolve("am2"), port)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> queried(amUrl).contains("FeatureDrift"));

        c.collector.alertSender().send(List.of(new OutgoingAlert(firing.labels(), firing.annotations(),
            firing.startsAt(), Instant.now(), firing.generatorURL())));
        await().atMost(Duration.ofSeconds(30)).until(() -> !queried(amUrl).contains("FeatureDrift"));
      }
      // the collector is an Alertmanager itself: it no longer lists the alert either
      assertThat(c.get("/api/v2/alerts").body()).doesNotContain("FeatureDrift");

      String metrics = c.metrics();
      assertThat(counter(metrics, amUrl, "sent")).isGreaterThanOrEqualTo(3);
      await().atMost(Duration.ofSeconds(30)).until(() -> counter(c.metrics(), deadUrl, "failed") >= 1);
      assertThat(counter(c.metrics(), deadUrl, "sent")).isZero();
    }
  }

  static String queried(String amUrl) throws Exception {
    Amtool.Result r = Amtool.run("--alertmanager.url=" + amUrl, "alert", "query");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  static double counter(String metrics, String am, String outcome) {
    Matcher m = Pattern.compile("pipelens_alerts_forwarded_total\\{alertmanager=\"" + Pattern.quote(am)
        + "\",outcome=\"" + outcome + "\"} (\\S+)").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
