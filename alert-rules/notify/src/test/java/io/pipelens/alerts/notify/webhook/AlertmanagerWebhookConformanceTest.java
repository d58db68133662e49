package io.pipelens.alerts.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.Integrations;
import io.pipelens.alerts.notify.ManualScheduler;
import io.pipelens.alerts.notify.MutableClock;
import io.pipelens.alerts.notify.NotifyListener;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.RealAlertmanager;
import io.pipelens.alerts.notify.Sleeper;
import io.pipelens.alerts.notify.api.ApiV2;
import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.dispatch.Dispatcher;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.silence.Silences;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same configuration and alerts go to a real Alertmanager (Debian prometheus-alertmanager)
 * and to our dispatcher; both post to one local server, and the webhook bodies must be equal.
 */
class AlertmanagerWebhookConformanceTest {
  @TempDir Path dir;

  @Test
  void webhookPayloadEqualsAlertmanagers() throws Exception {
    assumeTrue(RealAlertmanager.installed(), "needs Debian package prometheus-alertmanager");
    try (PlatformServer hook = new PlatformServer(r -> Answer.json(200, ""))) {
      String config = """
          route:
            receiver: hook
            group_by: [alertname]
            group_wait: 1s
          receivers:
            - name: hook
              webhook_configs:
                - url: %s
          """.formatted(hook.url("/hook"));
      try (RealAlertmanager am = new RealAlertmanager(dir, config)) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        String alerts = """
            [{"labels":{"alertname":"PipelineLag","job":"etl","instance":"b:9100","severity":"critical"},
              "annotations":{"summary":"训练管道延迟","runbook":"http://wiki/lag"},
              "startsAt":"%s","endsAt":"%s","generatorURL":"http://prom/graph?g0.expr=lag"},
             {"labels":{"alertname":"PipelineLag","job":"etl","instance":"a:9100","severity":"critical"},
              "annotations":{"summary":"训练管道延迟"},"startsAt":"%s","endsAt":"%s","generatorURL":"http://prom/graph?g0.expr=lag"}]
            """.formatted(start, start.plusSeconds(3600), start, start.plusSeconds(3600));
        var resp = am.post("/api/v2/alerts", alerts);
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !hook.requests().isEmpty());

        MutableClock clock = new MutableClock(Instant.now());
        NotifyConfig ours = NotifyConfigParser.parse(config.replace("/hook", "/ours"), dir);
        ManualScheduler scheduler = new ManualScheduler(clock);
        Dispatcher d = new Dispatcher(ours, new Integrations(new HttpPoster(), clock, Sleeper.SYSTEM, NotifyListener.NONE,
            Integrations.RetryPolicy.DEFAULT).build(ours), new Silences(clock), new NotificationLog(clock), clock, scheduler,
            Runnable::run, "http://am.local");
        d.put(ApiV2.postableAlerts(alerts));
        scheduler.advance(Duration.ofSeconds(1));

        ObjectMapper json = new ObjectMapper();
        JsonNode theirs = json.readTree(hook.requests().get(0).body());
        JsonNode mine = json.readTree(hook.requests().stream().filter(r -> r.path().equals("/ours")).findFirst().orElseThrow().body());
        assertThat(hook.requests().get(0).path()).isEqualTo("/hook");
        assertThat(mine).isEqualTo(theirs);
        assertThat(Json.write(mine)).contains("\"version\":\"4\"");
      }
    }
  }
}
