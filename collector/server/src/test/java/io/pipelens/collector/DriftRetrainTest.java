package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.pipelens.collector.config.ConfigLoader;
import io.pipelens.collector.store.SpanRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A model's drift, configured in the collector's YAML, triggers retraining: a real python3 run
 * (the pipelens Python client inside, joining the trigger's trace through TRACEPARENT) and a
 * webhook to a local HTTP server. The audit log, the trigger counter, the announced new version
 * and the cooldown survive a restart.
 */
class DriftRetrainTest {
  static final String RETRAIN_PY = """
      import json, os, sys
      os.environ["PIPELENS_ENDPOINT"] = open(sys.argv[1]).read().strip()
      import pipelens
      with pipelens.span("retrain churn"):
          reason = json.loads(os.environ["PIPELENS_DRIFT_REASON"])
          print("retraining", os.environ["PIPELENS_MODEL"], os.environ["PIPELENS_MODEL_VERSION"],
                reason["cause"], os.environ["EPOCHS"])
          open(os.environ["PIPELENS_VERSION_FILE"], "w").write("4\\n")
      assert pipelens.flush(20)
      """;

  static Path repoRoot() {
    Path repo = Path.of("").toAbsolutePath();
    while (repo != null && !Files.isDirectory(repo.resolve("agent/python/pipelens"))) {
      repo = repo.getParent();
    }
    assertThat(repo).as("repository root with agent/python").isNotNull();
    return repo;
  }

  @Test
  void featureDriftRunsTheCommandAndWebhookRecordsThemAndJoinsTheRunToTheTriggerTrace() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-retrain");
    Path script = dir.resolve("retrain.py");
    Files.writeString(script, RETRAIN_PY);
    Path endpointFile = dir.resolve("endpoint");
    BlockingQueue<JsonObject> hooks = new LinkedBlockingQueue<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/retrain", ex -> {
      JsonObject body = new JsonObject(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      hooks.add(body.put("traceparentHeader", ex.getRequestHeaders().getFirst("traceparent")));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.start();
    Path yaml = dir.resolve("pipelens.yaml");
    Files.writeString(yaml, """
        collector:
          drift:
            models:
              churn:
                reference: {mode: first_rows, rows: 400}
                window: {rows: 400, min_rows: 200, confirmations: 1}
                retrain:
                  features: [age]
                  consecutive_windows: 2
                  min_samples: 800
                  cooldown: 1h
                  actions:
                    - command: [/usr/bin/python3, %s, %s]
                      timeout: 60s
                      env: {EPOCHS: "3", PYTHONPATH: %s, PIPELENS_SPOOL_DIR: %s}
                    - webhook: http://127.0.0.1:%d/retrain
                      retries: 2
                      backoff: 100ms
        """.formatted(script, endpointFile, repoRoot().resolve("agent/python"),
        dir.resolve("spool"), hook.getAddress().getPort()));
    Random rnd = new Random(11);
    try {
      String traceId;
      try (TestCollector c = new TestCollector(d -> ConfigLoader.load(yaml, Map.of()).forTest(dir))) {
        Files.writeString(endpointFile, c.otlpHttpUrl(""));
        for (int i = 0; i < 4; i++) { // 400 reference rows, then one calm window
          assertThat(DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "churn", "3", 0)).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) { // one drifted window: streak 1 of 2, no trigger yet
          DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "churn", "3", 15));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(DriftEndpointTest.version(c, "churn", "3").getLong("windows")).isEqualTo(2));
        assertThat(DriftEndpointTest.version(c, "churn", "3").getInteger("retrainStreak")).isEqualTo(1);
        assertThat(triggers(c)).isEmpty();
        for (int i = 0; i < 2; i++) { // second drifted window: fires
          DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "churn", "3", 15));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(triggers(c)).hasSize(2));
        JsonArray t = triggers(c);
        JsonObject webhook = t.getJsonObject(0);
        JsonObject command = t.getJsonObject(1);
        assertThat(command.getString("action")).isEqualTo("command");
        assertThat(command.getString("outcome")).as(command.encodePrettily()).isEqualTo("success");
        assertThat(command.getInteger("exitCode")).isZero();
        assertThat(command.getString("stdoutTail")).isEqualTo("retraining churn 3 features [age] 3\n");
        assertThat(command.getString("newVersion")).isEqualTo("4");
        assertThat(command.getString("version")).isEqualTo("3");
        JsonObject reason = command.getJsonObject("reason");
        assertThat(reason.getInteger("consecutiveWindows")).isEqualTo(2);
        assertThat(reason.getLong("streakRows")).isEqualTo(800);
        JsonObject age = reason.getJsonArray("features").stream().map(JsonObject.class::cast)
            .filter(f -> f.getString("feature").equals("age")).findFirst().orElseThrow();
        assertThat(age.getBoolean("drifted")).isTrue();
        assertThat(age.getDouble("pValue")).isLessThan(0.05);
        assertThat(webhook.getString("action")).isEqualTo("webhook");
        assertThat(webhook.getString("outcome")).isEqualTo("success");
        assertThat(webhook.getString("triggerId")).isEqualTo(command.getString("triggerId"));
        traceId = command.getString("traceId");

        JsonObject hookBody = hooks.poll(10, TimeUnit.SECONDS);
        assertThat(hookBody).isNotNull();
        assertThat(hookBody.getString("model")).isEqualTo("churn");
        assertThat(hookBody.getString("version")).isEqualTo("3");
        assertThat(hookBody.getString("traceparentHeader")).startsWith("00-" + traceId + "-");
        assertThat(hookBody.getJsonObject("reason")).isEqualTo(reason);

        // the trigger's span and the python run's span form one trace
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          var spans = c.store.trace(traceId);
          SpanRecord trigger = spans.stream().filter(s -> s.name().equals("drift retrain trigger"))
              .findFirst().orElseThrow();
          SpanRecord run = spans.stream().filter(s -> s.name().equals("retrain churn"))
              .findFirst().orElseThrow();
          assertThat(run.parentSpanId()).isEqualTo(trigger.spanId());
          assertThat(trigger.attributes()).containsEntry("pipelens.model", "churn");
          assertThat(hookBody.getString("traceparentHeader"))
              .isEqualTo("00-" + traceId + "-" + trigger.spanId() + "-01");
        });
        // the run reported version 4: its reference is collected from its own first rows
        JsonObject v4 = DriftEndpointTest.version(c, "churn", "4");
        assertThat(v4.getString("state")).isEqualTo("collecting-reference");
        assertThat(v4.getString("announcedBy")).contains(command.getString("triggerId"));
        assertThat(c.get(c.apiUrl("/metrics")).body())
            .contains("pipelens_drift_retrain_triggers_total{action=\"command\",model=\"churn\",outcome=\"success\"} 1")
            .contains("pipelens_drift_retrain_triggers_total{action=\"webhook\",model=\"churn\",outcome=\"success\"} 1");
      }

      try (TestCollector c = new TestCollector(d -> ConfigLoader.load(yaml, Map.of()).forTest(dir))) {
        assertThat(triggers(c)).hasSize(2);
        assertThat(c.get(c.apiUrl("/metrics")).body())
            .contains("pipelens_drift_retrain_triggers_total{action=\"command\",model=\"churn\",outcome=\"success\"} 1");
        for (int i = 0; i < 4; i++) { // two more drifted windows: the condition holds, the cooldown holds it back
          DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "churn", "3", 15));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
            assertThat(DriftEndpointTest.version(c, "churn", "3").getLong("windows")).isEqualTo(5));
        assertThat(DriftEndpointTest.version(c, "churn", "3").getInteger("retrainStreak")).isEqualTo(2);
        assertThat(triggers(c)).hasSize(2);
        assertThat(DriftEndpointTest.version(c, "churn", "4").getString("announcedBy")).isNotNull();
        assertThat(hooks).isEmpty();
      }
    } finally {
      hook.stop(0);
    }
  }

  static JsonArray triggers(TestCollector c) throws Exception {
    var r = c.get(c.apiUrl("/api/drift/models/churn/triggers"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("triggers");
  }
}
