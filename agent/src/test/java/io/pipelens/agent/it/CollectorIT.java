package io.pipelens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built pipelens-javaagent.jar exporting to the real collector (its defaults: OTLP
 * http/protobuf): what a user finds in the collector's trace and error APIs afterwards.
 */
class CollectorIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static CollectorProcess collector;

  @BeforeAll
  static void startCollector() throws Exception {
    collector = CollectorProcess.start(work);
  }

  @AfterAll
  static void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  private static Map<String, String> agentEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.otlpEndpoint());
    env.put("OTEL_SERVICE_NAME", "collector-it");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    return env;
  }

  @Test
  void childProcessSpansAreStoredInTheAppsTraceWithTheFailureAsAnErrorAndNoSecrets()
      throws Exception {
    AgentRun app = AgentRun.run(AgentRun.agentJar(), agentEnv(), "spawn");
    assertThat(app.exitCode()).as("stderr: %s", app.stderr()).isZero();
    String traceId = app.printed("APP_TRACE");
    String appSpan = app.printed("APP_SPAN");
    String childSpan = app.printed("CHILD TP").split("-")[2];

    List<JsonNode> spans = awaitSpans(traceId, 4);
    assertThat(spans).extracting(s -> s.get("name").asText())
        .containsExactlyInAnyOrder("pipeline-step", "exec sh", "exec sh", "exec pipelens-no-such-tool");
    for (JsonNode span : spans) {
      assertThat(span.get("service").asText()).isEqualTo("collector-it");
      assertThat(span.get("language").asText()).isEqualTo("java");
      if (!span.get("name").asText().equals("pipeline-step")) {
        assertThat(span.get("parentSpanId").asText()).as("exec spans are children of the app's span")
            .isEqualTo(appSpan);
        assertThat(span.get("kind").asText()).isEqualTo("client");
      }
    }
    JsonNode ok = exec(spans, 0);
    assertThat(ok.get("spanId").asText()).as("the child's TRACEPARENT names its exec span")
        .isEqualTo(childSpan);
    assertThat(ok.get("status").get("code").asText()).isNotEqualTo("error");

    JsonNode failed = exec(spans, 3);
    assertThat(failed.get("status").get("code").asText()).isEqualTo("error");
    JsonNode exception = failed.get("events").get(0);
    assertThat(exception.get("name").asText()).isEqualTo("exception");
    assertThat(exception.get("attributes").get("exception.type").asText())
        .isEqualTo("io.pipelens.agent.process.ChildProcessFailedException");
    assertThat(exception.get("attributes").get("exception.message").asText())
        .isEqualTo("sh exited with code 3");

    String stored = collector.get("/api/traces/" + traceId).body();
    assertThat(stored).as("redacted before export: the secrets never reach the store")
        .doesNotContain("hunter2", "s3cret").contains("DB_TOKEN=****");
    HttpResponse<String> errors = collector.get("/api/traces/" + traceId + "/errors");
    assertThat(errors.statusCode()).isEqualTo(200);
    assertThat(errors.body()).contains("ChildProcessFailedException", "sh exited with code 3");
  }

  @Test
  void anUncaughtExceptionIsStoredUnderTheInheritedTraceAsAnErrorGroup() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    Map<String, String> env = agentEnv();
    env.put("TRACEPARENT", "00-" + traceId + "-" + parentId + "-01");

    AgentRun app = AgentRun.run(AgentRun.agentJar(), env, "crash");
    assertThat(app.exitCode()).isEqualTo(1);

    JsonNode crash = awaitSpans(traceId, 1).get(0);
    assertThat(crash.get("name").asText()).isEqualTo("uncaught exception");
    assertThat(crash.get("parentSpanId").asText()).isEqualTo(parentId);
    assertThat(crash.get("status").get("code").asText()).isEqualTo("error");
    assertThat(crash.get("attributes").get("thread.name").asText()).isEqualTo("main");
    String errors = collector.get("/api/traces/" + traceId + "/errors").body();
    assertThat(errors).contains("java.lang.IllegalStateException", "boom in main");
  }

  /** The trace's spans once the collector serves at least {@code count} of them. */
  private static List<JsonNode> awaitSpans(String traceId, int count) {
    List<JsonNode> spans = new ArrayList<>();
    await("%d spans of trace %s in the collector".formatted(count, traceId))
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          HttpResponse<String> response = collector.get("/api/traces/" + traceId);
          if (response.statusCode() != 200) {
            return false;
          }
          spans.clear();
          JSON.readTree(response.body()).get("spans").forEach(spans::add);
          return spans.size() >= count;
        });
    return spans;
  }

  private static JsonNode exec(List<JsonNode> spans, int exitCode) {
    return spans.stream()
        .filter(s -> s.get("name").asText().equals("exec sh"))
        .filter(s -> s.get("attributes").path("process.exit.code").asInt(-1) == exitCode)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no 'exec sh' span with exit code " + exitCode
            + " in " + spans));
  }
}
