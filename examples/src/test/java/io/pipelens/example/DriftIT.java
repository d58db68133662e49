package io.pipelens.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The R model (batch and API) and the Python segmenter log their inputs and outputs for drift.
 * A first run fills the reference and closes windows without drift; a run whose generator shifts
 * the visits feature closes windows in which visits has drifted, and the collector's retraining
 * policy runs pipeline/retrain.R, whose span joins the trigger's trace.
 */
@ExtendWith(PipelineExtension.class)
class DriftIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 300; // each run: 2 x 300 churn rows, 300 segmenter rows

  @Test
  void shiftingAFeatureIsDetectedOnceAWindowCloses(PipelineEnvironment env) throws Exception {
    env.freshCollector();
    // one scheduler process, two on-demand runs (POST /runs)
    String runs = env.startSchedulerService();
    JsonNode baseline = post(runs + "?rows=" + ROWS);
    assertThat(baseline.path("status").asText()).as(baseline.toString()).isEqualTo("ok");
    assertThat(baseline.path("traceId").asText()).matches("[0-9a-f]{32}");
    JsonNode before = awaitRows(env, "churn", 2 * ROWS);
    assertThat(before.path("state").asText()).isEqualTo("monitoring");
    assertThat(before.path("reference").path("rows").asInt()).isEqualTo(PipelineEnvironment.DRIFT_ROWS);
    JsonNode visitsBefore = feature(before, "visits");
    assertThat(visitsBefore.path("drifted").asBoolean()).as(before.toPrettyString()).isFalse();
    assertThat(visitsBefore.path("score").asDouble()).as("p-value without a shift").isGreaterThan(0.001);
    assertThat(triggers(env)).as("no retraining without drift").isEmpty();

    JsonNode shifted = post(runs + "?rows=" + ROWS + "&shift=6");
    assertThat(shifted.path("status").asText()).as(shifted.toString()).isEqualTo("ok");
    assertThat(shifted.path("traceId").asText()).isNotEqualTo(baseline.path("traceId").asText());
    JsonNode after = awaitRows(env, "churn", 4 * ROWS);
    JsonNode visits = feature(after, "visits");
    assertThat(visits.path("drifted").asBoolean()).as(after.toPrettyString()).isTrue();
    assertThat(visits.path("score").asDouble()).isLessThan(1e-6);
    assertThat(feature(after, "log_income").path("drifted").asBoolean()).as("an unshifted feature").isFalse();

    // the segmenter sees shifted visits and, through them, shifted churn scores: dataset drift
    JsonNode segmenter = awaitRows(env, "segmenter", 2 * ROWS);
    assertThat(segmenter.path("latest").path("datasetDrift").asBoolean()).as(segmenter.toPrettyString()).isTrue();

    // the retraining policy (visits drifted in 1 window) ran pipeline/retrain.R in the trigger's trace
    JsonNode trigger = await("a retraining trigger").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1)).until(() -> triggers(env), t -> t.size() > 0).get(0);
    assertThat(trigger.path("outcome").asText()).as(trigger.toPrettyString()).isEqualTo("success");
    assertThat(trigger.path("version").asText()).isEqualTo("1");
    assertThat(trigger.path("newVersion").asText()).isEqualTo("2");
    assertThat(trigger.path("stdoutTail").asText()).contains("retrained churn 1 -> 2");
    assertThat(env.retrained().resolve("churn-2.json")).exists();
    String triggerTrace = trigger.path("traceId").asText();
    TraceView retrain = Traces.awaitServices(env.collector, triggerTrace, Set.of("pipelens-collector", "retrain"),
        Duration.ofSeconds(60));
    TraceView.SpanView run = retrain.one("retrain", "retrain");
    assertThat(run.language()).isEqualTo("r");
    assertThat(retrain.parent(run).orElseThrow().name()).as(retrain.summary()).isEqualTo("drift retrain trigger");

    await("pipelens_drift_detected on /metrics").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(env.collector.metric(
            "pipelens_drift_detected", "model", "churn", "feature", "visits")).isEqualTo(1.0));
  }

  private static JsonNode triggers(PipelineEnvironment env) throws IOException {
    return JSON.readTree(env.collector.get("/api/drift/models/churn/triggers").body()).path("triggers");
  }

  private static JsonNode post(String url) throws Exception {
    HttpResponse<String> response = CollectorProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static JsonNode awaitRows(PipelineEnvironment env, String model, int rows) {
    return await(model + " with " + rows + " rows and its windows closed").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500)).until(() -> {
          var r = env.collector.get("/api/drift/models/" + model + "/versions/1");
          return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        }, v -> v != null && v.path("rows").asInt() == rows
            && v.path("windows").asInt() == (rows - PipelineEnvironment.DRIFT_ROWS) / PipelineEnvironment.DRIFT_ROWS);
  }

  private static JsonNode feature(JsonNode version, String name) {
    for (JsonNode f : version.path("latest").path("features")) {
      if (f.path("feature").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no feature " + name + " in " + version.toPrettyString());
  }
}
