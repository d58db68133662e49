package io.pipelens.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipelens.example.TraceView.SpanView;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A normal run: one trace from the Java scheduler through Python and R over a subprocess, HTTP,
 * gRPC and AMQP, every hop parented correctly, and RED metrics for every service.
 */
@ExtendWith(PipelineExtension.class)
class HappyRunIT {

  @Test
  void oneTracePerRunAcrossJavaPythonAndROverAllFourTransports(PipelineEnvironment env) {
    env.freshCollector();
    SchedulerRun run = env.runOnce(120, 0, 0);
    assertThat(run.ok()).as(run.output()).isTrue();
    String traceId = run.traceId();

    TraceView trace = Traces.awaitServices(env.collector, traceId, Traces.ALL_SERVICES, Duration.ofSeconds(90));

    SpanView root = trace.one("scheduler", "pipeline-run");
    assertThat(root.parentSpanId()).as(trace.summary()).isEmpty();
    assertThat(root.language()).isEqualTo("java");
    assertThat(root.status()).isEqualTo("ok");

    // subprocess: Java exec span (agent) -> Python / R process continuing TRACEPARENT
    SpanView features = trace.one("features", "build-features");
    assertThat(features.language()).isEqualTo("python");
    assertThat(trace.ancestors(features)).as(trace.summary())
        .contains("scheduler:step features", "scheduler:pipeline-run");
    assertThat(trace.parent(features).orElseThrow().language()).isEqualTo("java");
    SpanView batch = trace.one("score-batch", "score-batch");
    assertThat(batch.language()).isEqualTo("r");
    assertThat(trace.ancestors(batch)).contains("scheduler:step score-batch");
    assertThat(trace.parent(batch).orElseThrow().language()).isEqualTo("java");

    // HTTP: java.net.http client span -> R plumber server span (traceparent header)
    SpanView api = trace.one("scoring-api", "POST /score");
    assertThat(api.kind()).isEqualTo("server");
    assertThat(api.language()).isEqualTo("r");
    SpanView httpClient = trace.parent(api).orElseThrow();
    assertThat(httpClient.kind()).as(trace.summary()).isEqualTo("client");
    assertThat(httpClient.service()).isEqualTo("scheduler");
    assertThat(trace.ancestors(api)).contains("scheduler:step score-api");

    // gRPC: grpc-java client span -> Python server span (traceparent metadata)
    SpanView grpc = trace.one("segmenter", "/pipelens.example.Segmenter/Assign");
    assertThat(grpc.kind()).isEqualTo("server");
    SpanView grpcClient = trace.parent(grpc).orElseThrow();
    assertThat(grpcClient.kind()).as(trace.summary()).isEqualTo("client");
    assertThat(grpcClient.service()).isEqualTo("scheduler");
    assertThat(grpcClient.attributes().path("rpc.system").asText()).isEqualTo("grpc");
    assertThat(trace.ancestors(grpc)).contains("scheduler:step segment");

    // AMQP: amqp-client producer span -> Python consumer span (traceparent message header)
    SpanView report = trace.one("reporter", "pipeline.reports process");
    assertThat(report.kind()).isEqualTo("consumer");
    SpanView producer = trace.parent(report).orElseThrow();
    assertThat(producer.kind()).as(trace.summary()).isEqualTo("producer");
    assertThat(producer.service()).isEqualTo("scheduler");
    assertThat(trace.ancestors(report)).contains("scheduler:step report");
    assertThat(env.reports.resolve("run-1.json")).exists();

    // every span of the run is in this one trace and none of them failed
    await("all " + Traces.RUN_SPANS.size() + " spans of the run").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(Traces.names(
            TraceView.parse(env.collector.get("/api/traces/" + traceId).body())))
            .containsExactlyInAnyOrderElementsOf(Traces.RUN_SPANS));
    trace = TraceView.parse(env.collector.get("/api/traces/" + traceId).body());
    assertThat(trace.spans()).allSatisfy(s -> assertThat(s.status()).as(s.name()).isNotEqualTo("error"));

    // RED metrics per service on /metrics
    await("pipelens_spans_total for every service").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
          for (String service : Traces.ALL_SERVICES) {
            assertThat(env.collector.metric("pipelens_spans_total", "service", service))
                .as("pipelens_spans_total{service=%s}", service).isPositive();
            assertThat(env.collector.metric("pipelens_span_duration_seconds_count", "service", service))
                .as("pipelens_span_duration_seconds_count{service=%s}", service).isPositive();
          }
        });
  }
}
