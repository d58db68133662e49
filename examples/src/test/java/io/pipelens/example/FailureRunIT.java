package io.pipelens.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.example.TraceView.SpanView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A malformed input row: the feature job passes it on (with a warning log), the R model refuses
 * it, the run fails at score-batch, and the collector holds the R error as a structured error
 * (type, message, R frames) linked to the run's trace.
 */
@ExtendWith(PipelineExtension.class)
class FailureRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MESSAGE = "malformed row 17: age 'unknown' is not a number";

  @Test
  void theRStepsErrorIsAStructuredErrorWithRFramesLinkedToTheTrace(PipelineEnvironment env) throws Exception {
    env.freshCollector();
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
  }
}
