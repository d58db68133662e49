package io.pipelens.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.pipelens.alerts.rules.runtime.AlertSender;
import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import io.pipelens.collector.Collector;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.store.InMemoryTelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real collector with a rule file: the OpenTelemetry SDK sends spans over OTLP/HTTP, the span
 * metrics feed the series store, the error-rate alert goes pending, fires and reaches the alert
 * sender, resolves when the spans stop failing; rule files reload on POST /-/reload and SIGHUP.
 */
class RulesEndToEndTest {
  static final String ERROR_RATE = """
      groups:
        - name: e2e
          interval: 250ms
          rules:
            - record: service:spans:rate3s
              expr: sum by (service) (rate(pipelens_spans_total[3s]))
            - alert: PipelineErrorRateHigh
              expr: >-
                sum by (service) (rate(pipelens_spans_total{status_code="error"}[3s]))
                / service:spans:rate3s > 0.05
              for: 1s
              labels: {severity: warning}
              annotations:
                summary: "{{ $labels.service }}: {{ $value | humanizePercentage }} of spans fail"
      """;

  @TempDir
  Path dir;

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final List<OutgoingAlert> received = new ArrayList<>();
  final AlertSender recorder = alerts -> {
    synchronized (received) {
      received.addAll(alerts);
    }
  };
  Vertx vertx;
  Collector collector;

  Collector start(UnaryOperator<CollectorConfig> customize) throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    CollectorConfig base = CollectorConfig.defaults().forTest(dir);
    CollectorConfig.Derived d = base.derived();
    base = base.withDerived(new CollectorConfig.Derived(d.maxSeries(), d.lookback(), d.maxSpanKeys(),
        Duration.ofMillis(200), d.maxErrorGroups(), d.snapshotInterval()));
    collector = Collector.start(vertx, customize.apply(base), new InMemoryTelemetryStore())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    collector.rules().sendTo(recorder);
    return collector;
  }

  @AfterEach
  void stop() throws Exception {
    if (collector != null) {
      collector.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  RulesConfig rules(Path... files) {
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      names.add(f.toString());
    }
    return RulesConfig.DEFAULTS.withIncludeDefaultRules(false).withFiles(names).withWatchInterval(Duration.ZERO);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.ports().http() + path))
        .timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.ports().http() + path))
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  List<OutgoingAlert> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Test
  void errorSpansFireTheErrorRateAlertAndFixedInputResolvesIt() throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, ERROR_RATE);
    start(c -> c.withRules(rules(file)));
    AtomicBoolean failing = new AtomicBoolean(true);
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "train-model"))))
        .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + collector.ports().otlpHttp() + "/v1/traces").build()))
        .build();
    ScheduledExecutorService pipeline = Executors.newSingleThreadScheduledExecutor();
    try {
      Tracer tracer = provider.get("pipeline");
      pipeline.scheduleAtFixedRate(() -> {
        Span s = tracer.spanBuilder("load").startSpan();
        if (failing.get()) {
          s.setStatus(StatusCode.ERROR, "disk full");
        }
        s.end();
      }, 0, 100, TimeUnit.MILLISECONDS);

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/alerts").body())
          .contains("\"alertname\":\"PipelineErrorRateHigh\"").contains("\"state\":\"pending\""));
      await().atMost(Duration.ofSeconds(30)).until(() -> !received().isEmpty());
      OutgoingAlert firing = received().get(0);
      assertThat(firing.labels()).containsEntry("alertname", "PipelineErrorRateHigh")
          .containsEntry("service", "train-model").containsEntry("severity", "warning");
      assertThat(firing.annotations().get("summary")).isEqualTo("train-model: 100% of spans fail");
      assertThat(firing.endsAt()).isAfter(Instant.now());
      assertThat(firing.generatorURL()).startsWith("http://localhost:").contains("/graph?g0.expr=");
      String rulesJson = get("/api/v1/rules").body();
      assertThat(rulesJson).contains("\"name\":\"e2e\"").contains("\"state\":\"firing\"").contains("\"health\":\"ok\"");
      String metrics = get("/metrics").body();
      assertThat(metrics).containsPattern("ALERTS\\{[^}]*alertname=\"PipelineErrorRateHigh\"[^}]*alertstate=\"firing\"")
          .contains("pipelens_rule_evaluations_total{rule_group=\"" + file.toAbsolutePath() + ";e2e\"}")
          .contains("pipelens_rule_group_last_duration_seconds{rule_group=")
          .contains("pipelens_rules_config_last_reload_successful 1.0")
          .contains("service:spans:rate3s{service=\"train-model\"}");

      failing.set(false);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received())
          .anySatisfy(a -> assertThat(a.endsAt()).isBefore(Instant.now())));
      OutgoingAlert resolved = received().stream().filter(a -> a.endsAt().isBefore(Instant.now())).findFirst()
          .orElseThrow();
      assertThat(resolved.labels()).isEqualTo(firing.labels());
      assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
      assertThat(get("/api/v1/alerts").body()).doesNotContain("PipelineErrorRateHigh");
    } finally {
      pipeline.shutdownNow();
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void rulesSeeTheCollectorsOwnMetersLikeTheDefaultCollectorRulesNeed() throws Exception {
    Path file = dir.resolve("own.yml");
    Files.writeString(file, """
        groups:
          - name: own
            interval: 1s
            rules:
              - record: collector:ingest_queue_limit_bytes
                expr: max(pipelens_ingest_queue_limit_bytes)
              - alert: CollectorQueueLimitKnown
                expr: pipelens_ingest_queue_bytes / pipelens_ingest_queue_limit_bytes >= 0
        """);
    start(c -> c.withRules(rules(file)));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/alerts").body())
        .contains("\"alertname\":\"CollectorQueueLimitKnown\"").contains("\"state\":\"firing\""));
    assertThat(get("/metrics").body()).containsPattern("collector:ingest_queue_limit_bytes [1-9]");
  }

  @Test
  void reloadOverHttpRefusesABadFileAndKeepsTheOldRules() throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, "groups:\n  - name: first\n    rules:\n      - record: a\n        expr: vector(1)\n");
    start(c -> c.withRules(rules(file)).withAuth(new CollectorConfig.Auth("", "secret")));
    String token = "Bearer secret";
    assertThat(post("/-/reload").statusCode()).isEqualTo(401);

    Files.writeString(file, "groups:\n  - name: second\n    rules:\n      - record: a\n        expr: sum(\n");
    HttpResponse<String> refused = post("/-/reload", "Authorization", token);
    assertThat(refused.statusCode()).isEqualTo(500);
    assertThat(refused.body()).startsWith("failed to reload config: ").contains(file.toAbsolutePath().toString())
        .contains("second");
    assertThat(get("/metrics", "Authorization", token).body())
        .contains("pipelens_rules_config_last_reload_successful 0.0");
    assertThat(get("/api/v1/rules", "Authorization", token).body()).contains("\"name\":\"first\"");

    Files.writeString(file, "groups:\n  - name: second\n    rules:\n      - record: a\n        expr: vector(2)\n");
    assertThat(post("/-/reload", "Authorization", token).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/rules", "Authorization", token).body()).contains("\"name\":\"second\"")
        .doesNotContain("\"name\":\"first\"");
    assertThat(get("/api/v1/rules?type=nope", "Authorization", token).statusCode()).isEqualTo(400);
  }

  @Test
  void sighupReloadsTheRuleFiles() throws Exception {
    Path file = dir.resolve("rules.yml");
    Files.writeString(file, "groups:\n  - name: before\n    rules:\n      - record: a\n        expr: vector(1)\n");
    start(c -> c.withRules(rules(file)));
    assertThat(ReloadSignal.install(collector.rules())).isTrue();
    Files.writeString(file, "groups:\n  - name: after\n    rules:\n      - record: a\n        expr: vector(1)\n");
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        collector.rules().manager().groups().stream().anyMatch(g -> g.group().name().equals("after")));
  }

  @Test
  void aBadRuleFileStopsTheCollectorFromStartingAndNamesTheFile() throws Exception {
    Path file = dir.resolve("bad.yml");
    Files.writeString(file, "groups:\n  - name: g\n    rules:\n      - alert: X\n");
    vertx = Vertx.vertx();
    var started = Collector.start(vertx, CollectorConfig.defaults().forTest(dir).withRules(rules(file)),
        new InMemoryTelemetryStore());
    assertThat(started.failed()).isTrue();
    assertThat(started.cause()).hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("expr");
  }
}
