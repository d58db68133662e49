package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.drift.config.DriftSettingsParser;
import io.pipelens.drift.config.ModelDriftSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The other ways samples arrive (OTLP log records, gzip) and what survives a restart. */
class DriftIngestTest {
  static UnaryOperator<CollectorConfig> slowModel(Path dir) throws Exception {
    ModelDriftSettings slow = DriftSettingsParser.parse(new ObjectMapper().readTree(
        "{\"reference\": {\"rows\": 500}, \"window\": {\"rows\": 250, \"confirmations\": 1}}"),
        "collector.drift.models.slow");
    return c -> c.forTest(dir).withDrift(new CollectorConfig.Drift(100, 100, Duration.ofMinutes(10),
        Map.of("slow", slow)));
  }

  static String otlpLogs(JsonObject... records) {
    JsonArray logs = new JsonArray();
    for (JsonObject r : records) {
      logs.add(r);
    }
    return new JsonObject().put("resourceLogs", new JsonArray().add(new JsonObject()
        .put("resource", new JsonObject().put("attributes", new JsonArray().add(new JsonObject()
            .put("key", "service.name").put("value", new JsonObject().put("stringValue", "scorer")))))
        .put("scopeLogs", new JsonArray().add(new JsonObject().put("logRecords", logs))))).encode();
  }

  static JsonObject kv(String key, JsonObject value) {
    return new JsonObject().put("key", key).put("value", value);
  }

  @Test
  void sampleLogRecordsOverOtlpFeedTheMonitorAsStringOrMapBodies() throws Exception {
    try (TestCollector c = new TestCollector()) {
      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      JsonObject stringBody = new JsonObject().put("timeUnixNano", "1700000000000000000")
          .put("traceId", traceId).put("eventName", "pipelens.model.samples")
          .put("body", new JsonObject().put("stringValue",
              "{\"model\":\"logm\",\"version\":\"1\",\"columns\":{\"x\":[1,2,3,4],\"c\":[\"a\",\"b\",\"a\",null]}}"));
      JsonObject broken = new JsonObject().put("eventName", "pipelens.model.samples")
          .put("body", new JsonObject().put("stringValue", "{\"model\":\"logm\",\"version\":\"1\",\"colums\":{}}"));
      JsonArray xs = new JsonArray();
      JsonArray cs = new JsonArray();
      for (int i = 0; i < 6; i++) {
        xs.add(new JsonObject().put("doubleValue", i * 1.5));
        cs.add(new JsonObject().put("stringValue", i % 2 == 0 ? "a" : "b"));
      }
      JsonObject mapBody = new JsonObject()
          .put("attributes", new JsonArray().add(kv("event.name", new JsonObject().put("stringValue", "pipelens.model.samples"))))
          .put("body", new JsonObject().put("kvlistValue", new JsonObject().put("values", new JsonArray()
              .add(kv("model", new JsonObject().put("stringValue", "logm")))
              .add(kv("version", new JsonObject().put("stringValue", "1")))
              .add(kv("columns", new JsonObject().put("kvlistValue", new JsonObject().put("values", new JsonArray()
                  .add(kv("x", new JsonObject().put("arrayValue", new JsonObject().put("values", xs))))
                  .add(kv("c", new JsonObject().put("arrayValue", new JsonObject().put("values", cs)))))))))));
      JsonObject ordinary = new JsonObject().put("body", new JsonObject().put("stringValue", "hello"));
      var r = c.post(c.otlpHttpUrl("/v1/logs"), "application/json",
          otlpLogs(stringBody, broken, mapBody, ordinary).getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonObject v = DriftEndpointTest.version(c, "logm", "1");
        assertThat(v.getLong("rows")).as("4 + 6 rows; the record with a typo feeds nothing").isEqualTo(10);
        assertThat(v.getJsonArray("features").getList()).containsExactly("x", "c");
      });
      assertThat(c.collector.drift().rejectedLogSamples()).isEqualTo(1);
      assertThat(c.get(c.apiUrl("/metrics")).body())
          .contains("pipelens_drift_samples_ignored_total{reason=\"malformed_log_record\"} 1.0");
      // the sample log records are stored like any log record too
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(c.store.logsOfTrace(traceId)).hasSize(1));
    }
  }

  @Test
  void aTimeWindowClosesWhenItsTimeIsUpEvenWithoutFurtherSamples() throws Exception {
    ModelDriftSettings timed = DriftSettingsParser.parse(new ObjectMapper().readTree(
        "{\"reference\": {\"rows\": 200}, \"window\": {\"duration\": \"1s\"}}"),
        "collector.drift.models.timed");
    try (TestCollector c = new TestCollector(d -> d.withDrift(new CollectorConfig.Drift(1000, 1000,
        Duration.ofMinutes(10), Map.of("timed", timed))))) {
      Random rnd = new Random(3);
      DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "timed", "1", 0)); // the reference
      DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "timed", "1", 0)); // one open window
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonObject v = DriftEndpointTest.version(c, "timed", "1");
        assertThat(v.getLong("windows")).isEqualTo(1);
        assertThat(v.getJsonObject("latest").getLong("rows")).isEqualTo(200);
      });
    }
  }

  @Test
  void aPinnedTimeWindowIsTheReferenceAndTheFirstBatchAfterItIsCompared() throws Exception {
    ModelDriftSettings pinned = DriftSettingsParser.parse(new ObjectMapper().readTree("""
        {"reference": {"mode": "time_window", "from": "2026-11-02T08:00:00Z", "to": "2026-11-02T09:00:00Z"}}
        """), "collector.drift.models.pinned");
    try (TestCollector c = new TestCollector(d -> d.withDrift(new CollectorConfig.Drift(1000, 1000,
        Duration.ofMinutes(10), Map.of("pinned", pinned))))) {
      long window = java.time.Instant.parse("2026-11-02T08:00:00Z").getEpochSecond() * 1_000_000_000L;
      long hour = 3_600_000_000_000L;
      Random rnd = new Random(8);
      java.util.function.BiFunction<Long, Double, String> at = (nanos, shift) -> new JsonObject(
          DriftEndpointTest.batch(rnd, "pinned", "1", shift)).put("timestamp_unix_nano", Long.toString(nanos)).encode();
      DriftEndpointTest.postSamples(c, at.apply(window - 1, 30.0)); // before: not the reference
      DriftEndpointTest.postSamples(c, at.apply(window, 0.0));
      DriftEndpointTest.postSamples(c, at.apply(window + hour - 1, 0.0));
      DriftEndpointTest.postSamples(c, at.apply(window + hour, 0.0)); // after: fixes it, is compared
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonObject v = DriftEndpointTest.version(c, "pinned", "1");
        assertThat(v.getLong("rows")).isEqualTo(800);
        assertThat(v.getJsonObject("reference")).as(v.encode()).isNotNull();
        assertThat(v.getJsonObject("reference").getLong("rows")).as("the two batches inside the window")
            .isEqualTo(400);
      });
    }
  }

  @Test
  void aBatchReSentWithItsBatchIdCountsOnceButEqualRowsWithoutAnIdCountTwice() throws Exception {
    try (TestCollector c = new TestCollector()) {
      JsonObject first = new JsonObject(DriftEndpointTest.batch(new Random(5), "resend", "1", 0));
      String withId = first.copy().put("batch_id", "5f1d2c3b4a5968778695a4b3c2d1e0f1").encode();
      for (String body : List.of(withId, withId /* the client's retry after a lost answer */,
          first.encode(), first.encode())) {
        var answer = DriftEndpointTest.postSamples(c, body);
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
      }
      // one worker takes batches in order: once this one is counted, so are all before it
      DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(new Random(6), "resend", "2", 0));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(DriftEndpointTest.version(c, "resend", "2").getLong("rows")).isEqualTo(200));
      assertThat(DriftEndpointTest.version(c, "resend", "1").getLong("rows")).isEqualTo(600);
      assertThat(c.get(c.apiUrl("/metrics")).body())
          .contains("pipelens_drift_samples_ignored_total{reason=\"resent\"} 1.0");

      var r = c.post(c.apiUrl("/v1/drift/samples"), "application/json",
          first.copy().put("batch_id", "not an id").encode().getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("'batch_id'");
    }
  }

  @Test
  void gzipSamplesAreAcceptedAndBadGzipIsNamed() throws Exception {
    try (TestCollector c = new TestCollector()) {
      String body = DriftEndpointTest.batch(new Random(1), "gz", "1", 0);
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
        gz.write(body.getBytes(StandardCharsets.UTF_8));
      }
      var r = c.post(c.apiUrl("/v1/drift/samples"), "application/json", zipped.toByteArray(),
          "Content-Encoding", "gzip");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"accepted\":200}");
      r = c.post(c.apiUrl("/v1/drift/samples"), "application/json", body.getBytes(StandardCharsets.UTF_8),
          "Content-Encoding", "gzip");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("invalid gzip body");
      r = c.post(c.apiUrl("/v1/drift/samples"), "application/json", zipped.toByteArray(),
          "Content-Encoding", "br");
      assertThat(r.statusCode()).isEqualTo(415);
    }
  }

  @Test
  void referenceRowsBeingCollectedSurviveARestartAndAnnouncedVersionsStartOver() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-drift-pending");
    Random rnd = new Random(5);
    try (TestCollector c = new TestCollector(slowModel(dir))) {
      for (int i = 0; i < 2; i++) { // 400 of the 500 reference rows this model wants
        DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "slow", "1", 0));
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(DriftEndpointTest.version(c, "slow", "1").getInteger("pendingReferenceRows")).isEqualTo(400));
    }
    try (TestCollector c = new TestCollector(slowModel(dir))) {
      JsonObject v = DriftEndpointTest.version(c, "slow", "1");
      assertThat(v.getString("state")).isEqualTo("collecting-reference");
      assertThat(v.getInteger("pendingReferenceRows")).isEqualTo(400);
      DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "slow", "1", 0));
      DriftEndpointTest.postSamples(c, DriftEndpointTest.batch(rnd, "slow", "1", 0));
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(DriftEndpointTest.version(c, "slow", "1").getString("state")).isEqualTo("monitoring"));
      v = DriftEndpointTest.version(c, "slow", "1");
      assertThat(v.getJsonObject("reference").getLong("rows")).isEqualTo(500);
      // 300 rows past the reference: one window of this model's 250 rows closed
      assertThat(v.getLong("windows")).isEqualTo(1);

      var r = c.post(c.apiUrl("/v1/drift/versions"), "application/json",
          "{\"model\":\"slow\",\"version\":\"1\",\"by\":\"nightly retrain\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(new String(r.body(), StandardCharsets.UTF_8)).getInteger("referenceRows")).isEqualTo(500);
      v = DriftEndpointTest.version(c, "slow", "1");
      assertThat(v.getString("state")).isEqualTo("collecting-reference");
      assertThat(v.getString("announcedBy")).isEqualTo("nightly retrain");
      assertThat(v.getInteger("pendingReferenceRows")).isZero();
      r = c.post(c.apiUrl("/v1/drift/versions"), "application/json",
          "{\"model\":\"slow\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("'model' and 'version' are required");
    }
  }
}
