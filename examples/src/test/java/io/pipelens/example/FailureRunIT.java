package io.pipelens.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.example.TraceView.SpanView;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A malformed input row: the feature job passes it on (with a warning log), the R model refuses
 * it, the run fails at score-batch, and the collector holds the R error as a structured error
 * (type, message, R frames) linked to the run's trace; the example's alert rule fires and the
 * collector's Alertmanager notifies the team by e-mail, DingTalk and Feishu.
 */
@ExtendWith(PipelineExtension.class)
class FailureRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MESSAGE = "malformed row 17: age 'unknown' is not a number";

  private static final List<String> ALERTING = List.of("PIPELENS_COLLECTOR_RULES_FILES",
      "PIPELENS_COLLECTOR_RULES_EVALUATION_INTERVAL", "PIPELENS_COLLECTOR_ALERTING_CONFIG_FILE");

  @Test
  void theRStepsErrorIsAStructuredErrorWithRFramesLinkedToTheTraceAndAlertsTheTeam(PipelineEnvironment env)
      throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(Repo.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (RobotWebhookFake robots = new RobotWebhookFake()) {
      Path routing = env.work.resolve("alertmanager.yml");
      Files.writeString(routing, alertmanagerConfig(smtp.getSmtp().getPort(), robots));
      env.collector.set("PIPELENS_COLLECTOR_RULES_FILES",
          Repo.pipelineDir().resolve("rules/pipeline-alerts.yml").toString());
      env.collector.set("PIPELENS_COLLECTOR_RULES_EVALUATION_INTERVAL", "1s");
      env.collector.set("PIPELENS_COLLECTOR_ALERTING_CONFIG_FILE", routing.toString());
      env.freshCollector();
      String traceId = failedRun(env);
      // the example's rule (pipeline/rules/pipeline-alerts.yml) fires on the R error group:
      // an e-mail over real SMTP and signed DingTalk and Feishu robot messages
      await("alert e-mail").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> smtp.getReceivedMessages().length > 0);
      MimeMessage mail = smtp.getReceivedMessages()[0];
      assertThat(mail.getSubject()).contains("FIRING", "PipelineStepFailed");
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.test");
      assertThat(GreenMailUtil.getBody(mail)).contains("score-batch");
      await("DingTalk and Feishu messages").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> !robots.dingtalk.isEmpty() && !robots.feishu.isEmpty());
      assertThat(robots.dingtalk.get(0).toString()).contains("PipelineStepFailed", "score-batch");
      assertThat(robots.feishu.get(0).toString()).contains("PipelineStepFailed", "score-batch");
      JsonNode alerts = JSON.readTree(CollectorProcess.HTTP.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + env.collector.alertingPort + "/api/v2/alerts")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      assertThat(alerts.toString()).contains("PipelineStepFailed", "score-batch", "malformedRowError");
      assertThat(traceId).isNotEmpty();
    } finally {
      smtp.stop();
      ALERTING.forEach(env.collector::unset);
    }
  }

  private static String alertmanagerConfig(int smtpPort, RobotWebhookFake robots) {
    return String.join("\n",
        "global:",
        "  smtp_smarthost: 127.0.0.1:" + smtpPort,
        "  smtp_from: pipelens@example.test",
        "  smtp_require_tls: false",
        "route:",
        "  receiver: pipeline-team",
        "  group_by: [alertname, service]",
        "  group_wait: 1s",
        "  group_interval: 5s",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: pipeline-team",
        "    email_configs:",
        "      - to: oncall@example.test",
        "    dingtalk_configs:",
        "      - url: " + robots.dingtalkUrl(),
        "        secret: " + RobotWebhookFake.DINGTALK_SECRET,
        "    feishu_configs:",
        "      - url: " + robots.feishuUrl(),
        "        secret: " + RobotWebhookFake.FEISHU_SECRET,
        "");
  }

  private static String failedRun(PipelineEnvironment env) throws Exception {
    SchedulerRun run = env.runOnce(40, 0, 17);
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("status=failed error=score-batch: exit status 1");
    String traceId = run.traceId();

    TraceView trace = Traces.awaitServices(env.collector, traceId,
        Set.of("scheduler", "features", "score-batch"), Duration.ofSeconds(90));
    await("the failed run's Java spans").atMost(Duration.ofSeconds(30)).until(() ->
        TraceView.parse(env.collector.get("/api/traces/" + traceId).body())
            .find(s -> s.name().equals("pipeline-run")).isPresent());
    trace = TraceView.parse(env.collector.get("/api/traces/" + traceId).body());

    SpanView score = trace.one("score-batch", "score-batch");
    assertThat(score.status()).isEqualTo("error");
    JsonNode exception = score.events().get(0).path("attributes");
    assertThat(exception.path("exception.type").asText()).isEqualTo("malformedRowError");
    assertThat(exception.path("exception.message").asText()).isEqualTo(MESSAGE);
    assertThat(exception.path("exception.stacktrace").asText()).contains("score_row(", "parse_number(");
    assertThat(trace.parent(score).orElseThrow().status()).as("the exec span of Rscript").isEqualTo("error");
    assertThat(trace.one("scheduler", "step score-batch").status()).isEqualTo("error");
    assertThat(trace.one("scheduler", "pipeline-run").status()).isEqualTo("error");
    assertThat(trace.find(s -> s.name().equals("step score-api"))).as("the run stops at the failing step").isEmpty();

    // the feature job's warning about the same row is a log record of this trace
    JsonNode logs = JSON.readTree(env.collector.get("/api/traces/" + traceId).body()).path("logs");
    List<String> bodies = new ArrayList<>();
    logs.forEach(l -> bodies.add(l.path("service").asText() + ": " + l.path("body").asText()));
    assertThat(bodies).anySatisfy(b -> assertThat(b).startsWith("features: ").contains("'unknown'", "c00017"));

    // structured error linked to the trace: type, message, R frames
    JsonNode occurrence = await("the R error in /api/traces/{id}/errors").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).until(() -> {
          JsonNode errors = JSON.readTree(env.collector.get("/api/traces/" + traceId + "/errors").body())
              .path("errors");
          for (JsonNode e : errors) {
            if (e.path("language").asText().equals("r")) {
              return e;
            }
          }
          return null;
        }, o -> o != null);
    assertThat(occurrence.path("type").asText()).isEqualTo("malformedRowError");
    assertThat(occurrence.path("message").asText()).isEqualTo(MESSAGE);
    assertThat(occurrence.path("service").asText()).isEqualTo("score-batch");
    assertThat(occurrence.path("traceUrl").asText()).isEqualTo("/api/traces/" + traceId);
    List<String> functions = new ArrayList<>();
    occurrence.path("frames").forEach(f -> functions.add(f.path("function").asText()));
    assertThat(functions).as(occurrence.toPrettyString()).contains("score_row", "parse_number");

    // ... and its group is listed for the service
    JsonNode groups = JSON.readTree(env.collector.get("/api/errors?service=score-batch").body()).path("groups");
    assertThat(groups).anySatisfy(g -> {
      assertThat(g.path("type").asText()).isEqualTo("malformedRowError");
      assertThat(g.path("recentTraces").toString()).contains(traceId);
    });
    return traceId;
  }
}
