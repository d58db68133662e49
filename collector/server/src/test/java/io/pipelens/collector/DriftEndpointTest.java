package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pipelens.collector.config.CollectorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Model samples posted like the Python/R clients do (JSON over HTTP): a stable stream builds the
 * reference, then one feature shifts and only that feature shows drift on /metrics and the API.
 */
class DriftEndpointTest {
  static final String SAMPLES = "/v1/drift/samples";

  /** 200 rows: age ~ N(40 + ageShift, 10), income ~ N(50000, 8000), country in {de, fr, it}. */
  static String batch(Random rnd, String model, String version, double ageShift) {
    JsonArray age = new JsonArray();
    JsonArray income = new JsonArray();
    JsonArray country = new JsonArray();
    String[] countries = {"de", "fr", "it"};
    for (int i = 0; i < 200; i++) {
      age.add(40 + ageShift + rnd.nextGaussian() * 10);
      income.add(50_000 + rnd.nextGaussian() * 8000);
      country.add(countries[rnd.nextInt(3)]);
    }
    return new JsonObject().put("model", model).put("version", version)
        .put("columns", new JsonObject().put("age", age).put("income", income).put("country", country))
        .encode();
  }

  static UnaryOperator<CollectorConfig> smallWindows(Path dir) {
    return c -> {
      CollectorConfig d = c.withDrift(new CollectorConfig.Drift(400, 400, Duration.ofMinutes(10)));
      return new CollectorConfig(d.http(), d.otlpGrpc(), d.otlpHttp(), d.zipkin(), dir, d.ingest(),
          d.auth(), d.tls(), d.retention(), d.shutdownTimeout(), d.jaeger(), d.derived(), d.drift());
    };
  }

  static HttpResponse<byte[]> postSamples(TestCollector c, String body, String... headers) throws Exception {
    return c.post(c.apiUrl(SAMPLES), "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  static JsonObject version(TestCollector c, String model, String version) throws Exception {
    HttpResponse<String> r = c.get(c.apiUrl("/api/drift/models/" + model + "/versions/" + version));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  @Test
  void shiftedFeatureIsDetectedOnMetricsAndApiAndStateSurvivesRestart() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-drift-test");
    Random rnd = new Random(7);
    try (TestCollector c = new TestCollector(smallWindows(dir))) {
      // 400 reference rows, then one stable window of 400
      for (int i = 0; i < 4; i++) {
        HttpResponse<byte[]> r = postSamples(c, batch(rnd, "churn", "3", 0));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(new String(r.body(), StandardCharsets.UTF_8)).getInteger("accepted"))
            .isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(version(c, "churn", "3").getLong("windows")).isEqualTo(1));
      JsonObject stable = version(c, "churn", "3");
      assertThat(stable.getString("state")).isEqualTo("monitoring");
      assertThat(stable.getLong("rows")).isEqualTo(800);
      assertThat(stable.getJsonObject("reference").getLong("rows")).isEqualTo(400);
      assertThat(stable.getJsonObject("latest").getBoolean("datasetDrift")).isFalse();
      String page = c.get(c.apiUrl("/metrics")).body();
      assertThat(page).contains("# TYPE pipelens_drift_detected gauge")
          .contains("pipelens_drift_detected{feature=\"age\",method=\"ks\",model=\"churn\",version=\"3\"} 0")
          .contains("pipelens_drift_dataset_share{model=\"churn\",version=\"3\"} 0");
    }

    try (TestCollector c = new TestCollector(smallWindows(dir))) {
      // restored: the reference is still the stable one, so shifted rows drift instead of
      // becoming a new reference
      JsonObject restored = version(c, "churn", "3");
      assertThat(restored.getString("state")).isEqualTo("monitoring");
      assertThat(restored.getJsonObject("reference").getLong("rows")).isEqualTo(400);
      // the counters were saved too
      assertThat(restored.getLong("rows")).isEqualTo(800);
      assertThat(restored.getLong("windows")).isEqualTo(1);
      for (int i = 0; i < 2; i++) {
        assertThat(postSamples(c, batch(rnd, "churn", "3", 15)).statusCode()).isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(version(c, "churn", "3").getLong("windows")).isEqualTo(2));
      JsonArray features = version(c, "churn", "3").getJsonObject("latest").getJsonArray("features");
      for (int i = 0; i < features.size(); i++) {
        JsonObject f = features.getJsonObject(i);
        assertThat(f.getBoolean("drifted")).as(f.encode()).isEqualTo(f.getString("feature").equals("age"));
        assertThat(f.getString("method")).isNotBlank();
        assertThat(f.getDouble("threshold")).isPositive();
      }
      String page = c.get(c.apiUrl("/metrics")).body();
      assertThat(page)
          .contains("pipelens_drift_detected{feature=\"age\",method=\"ks\",model=\"churn\",version=\"3\"} 1")
          .contains("pipelens_drift_detected{feature=\"income\",method=\"ks\",model=\"churn\",version=\"3\"} 0")
          .containsPattern("pipelens_drift_detected\\{feature=\"country\",method=\"[a-z]+\",model=\"churn\",version=\"3\"} 0")
          .contains("pipelens_drift_threshold{feature=\"age\",method=\"ks\",model=\"churn\",version=\"3\"} 0.05")
          .containsPattern("pipelens_drift_dataset_share\\{model=\"churn\",version=\"3\"} 0\\.333");
      DerivedMetricsTest.assertPromtoolAccepts(page);
      assertThat(new JsonObject(c.get(c.apiUrl("/api/drift/models")).body()).getJsonArray("models"))
          .hasSize(1);
    }
  }

  @Test
  void unreadableSavedStateStopsStartNamingTheFile() throws Exception {
    Path dir = Files.createTempDirectory("pipelens-drift-bad");
    Path file = dir.resolve("drift").resolve("churn@3.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> new TestCollector(smallWindows(dir)).close())
        .hasMessageContaining("cannot read drift state").hasMessageContaining(file.toString());
  }

  @Test
  void badPayloadsAreRejectedNamingWhatIsWrong() throws Exception {
    try (TestCollector c = new TestCollector(c0 -> c0.withIngest(
        new CollectorConfig.Ingest(4096, c0.ingest().maxQueueBytes(), c0.ingest().maxCommitBytes(),
            c0.ingest().retryAfterSeconds(), 1)))) {
      HttpResponse<byte[]> r = postSamples(c,
          "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"age\":[1,2],\"flag\":[1,true]}}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("columns.flag[1]");

      r = postSamples(c, "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"age\":[1,2],\"b\":[1]}}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("columns.b").contains("1 rows");

      assertThat(postSamples(c, "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"age\":[1,2],\"b\":[1,2]}}")
          .statusCode()).isEqualTo(200);
      r = postSamples(c, "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"age\":[1,2]}}");
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("missing column 'b'");

      r = postSamples(c, "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"age\":["
          + "1,".repeat(3000) + "1]}}");
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("max-body-bytes");

      assertThat(c.get(c.apiUrl("/api/drift/models/nope/versions/1")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void ingestTokenIsRequiredForSamplesAndUploadedReferenceIsUsed() throws Exception {
    try (TestCollector c = new TestCollector(c0 -> c0.withAuth(new CollectorConfig.Auth("in-tok", "q-tok")))) {
      String body = "{\"model\":\"m\",\"version\":\"1\",\"columns\":{\"x\":[1,2,3]}}";
      assertThat(postSamples(c, body).statusCode()).isEqualTo(401);
      assertThat(postSamples(c, body, "Authorization", "Bearer q-tok").statusCode()).isEqualTo(403);
      assertThat(postSamples(c, body, "Authorization", "Bearer in-tok").statusCode()).isEqualTo(200);

      StringBuilder csv = new StringBuilder("x,kind\n");
      for (int i = 0; i < 50; i++) {
        csv.append(i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
      }
      HttpRequest put = HttpRequest.newBuilder(URI.create(c.apiUrl("/api/drift/models/m/versions/1/reference")))
          .header("Content-Type", "text/csv").header("Authorization", "Bearer q-tok")
          .PUT(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
      HttpResponse<String> r = c.http.send(put, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getLong("rows")).isEqualTo(50);
      JsonObject v = new JsonObject(c.get(c.apiUrl("/api/drift/models/m/versions/1"),
          "Authorization", "Bearer q-tok").body());
      assertThat(v.getString("state")).isEqualTo("monitoring");
      assertThat(v.getJsonObject("reference").getString("source")).isEqualTo("uploaded CSV");

      HttpRequest bad = HttpRequest.newBuilder(URI.create(c.apiUrl("/api/drift/models/m/versions/1/reference")))
          .header("Content-Type", "text/csv").header("Authorization", "Bearer q-tok")
          .PUT(HttpRequest.BodyPublishers.ofString("x,y\n1\n")).build();
      r = c.http.send(bad, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("reference rejected");
    }
  }

  @Test
  void realPythonClientSamplesArrive() throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    while (repo != null && !Files.isDirectory(repo.resolve("agent/python/pipelens"))) {
      repo = repo.getParent();
    }
    assertThat(repo).as("repository root with agent/python").isNotNull();
    Path spool = Files.createTempDirectory("pipelens-spool");
    try (TestCollector c = new TestCollector()) {
      ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c",
          "import pipelens\n"
              + "ok = pipelens.log_model_samples('fraud', 7, {'amount': [float(i) for i in range(120)],"
              + " 'channel': ['web', 'app'] * 60}, prediction=[0.5] * 120)\n"
              + "assert ok\n"
              + "assert pipelens.flush(10)\n")
          .redirectErrorStream(true);
      pb.environment().put("PYTHONPATH", repo.resolve("agent/python").toString());
      pb.environment().put("PIPELENS_ENDPOINT", c.otlpHttpUrl(""));
      pb.environment().put("PIPELENS_API_ENDPOINT", c.apiUrl(""));
      pb.environment().put("PIPELENS_SPOOL_DIR", spool.toString());
      pb.environment().put("PIPELENS_SERVICE_NAME", "drift-e2e");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonObject v = version(c, "fraud", "7");
        assertThat(v.getLong("rows")).isEqualTo(120);
        assertThat(v.getJsonArray("features").getList()).containsExactly("amount", "channel");
        assertThat(v.getInteger("pendingReferenceRows")).isEqualTo(120);
      });
    }
  }
}
