package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.pipelens.collector.store.SpanRecord;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector as users run it (CollectorMain in its own JVM) is SIGKILLed while clients are
 * sending OTLP/HTTP protobuf; after a restart on the same data directory every span whose request
 * was answered 200 is in the store.
 */
class CollectorKillTest {
  private static final int SPANS_PER_REQUEST = 20;
  private static final int SENDERS = 4;

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyAcknowledgedSpanSurvivesSigkillOfTheCollector() throws Exception {
    Path data = directory.resolve("data");
    Ports ports = Ports.free();
    Process collector = start(data, ports, "first.log");
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try {
      awaitReady(collector, ports);
      URI traces = URI.create("http://127.0.0.1:" + ports.otlpHttp + "/v1/traces");
      for (int s = 0; s < SENDERS; s++) {
        senders.execute(() -> send(traces, next, acked));
      }
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
          .failFast("collector exited early", () -> !collector.isAlive())
          .until(() -> acked.size() >= 100);
    } finally {
      collector.destroyForcibly(); // SIGKILL: no shutdown hook, no queue drain, no checkpoint
      assertThat(collector.waitFor(30, TimeUnit.SECONDS)).isTrue();
      senders.shutdown();
      assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(collector.exitValue()).isEqualTo(137);
    assertThat(next.get()).as("requests were still being sent when it died").isGreaterThan(acked.size());

    Process restarted = start(data, ports, "second.log");
    try {
      awaitReady(restarted, ports);
    } finally {
      restarted.destroy(); // graceful this time: it must release the store for us
      assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    List<Integer> missing = new ArrayList<>();
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(data)) {
      for (int request : acked) {
        List<SpanRecord> spans = store.trace(traceId(request));
        if (spans.size() != SPANS_PER_REQUEST) {
          missing.add(request);
        }
      }
    }
    assertThat(missing).as("acknowledged requests missing after kill -9 and restart").isEmpty();
  }

  private void send(URI uri, AtomicInteger next, Set<Integer> acked) {
    // Bounded: stops at the first connection failure (the collector died) or after 100,000 requests.
    for (int i = 0; i < 100_000; i++) {
      int request = next.getAndIncrement();
      HttpRequest post = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-protobuf")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body(request).toByteArray()))
          .build();
      try {
        HttpResponse<Void> response = http.send(post, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          acked.add(request);
        }
      } catch (IOException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static ExportTraceServiceRequest body(int request) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    ByteString trace = ByteString.copyFrom(HexFormat.of().parseHex(traceId(request)));
    for (int i = 0; i < SPANS_PER_REQUEST; i++) {
      byte[] spanId = ByteBuffer.allocate(8).putInt(request + 1).putInt(i + 1).array();
      Span.Builder span = Span.newBuilder().setTraceId(trace).setSpanId(ByteString.copyFrom(spanId))
          .setName("step-" + i).setStartTimeUnixNano(1_700_000_000_000_000_000L + i)
          .setEndTimeUnixNano(1_700_000_000_001_000_000L + i)
          .addAttributes(KeyValue.newBuilder().setKey("request")
              .setValue(AnyValue.newBuilder().setIntValue(request)));
      if (i > 0) {
        span.setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putInt(request + 1).putInt(1).array()));
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("kill-test"))))
        .addScopeSpans(scope)).build();
  }

  private static String traceId(int request) {
    return String.format("%016x%016x", 0x4b11_0000_0000_0000L, request + 1L);
  }

  private Process start(Path data, Ports ports, String log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), CollectorMain.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve(log).toFile());
    pb.environment().put("PIPELENS_COLLECTOR_DATA_DIR", data.toString());
    pb.environment().put("PIPELENS_COLLECTOR_HTTP_HOST", "127.0.0.1");
    pb.environment().put("PIPELENS_COLLECTOR_HTTP_PORT", Integer.toString(ports.http));
    pb.environment().put("PIPELENS_COLLECTOR_OTLP_HTTP_HOST", "127.0.0.1");
    pb.environment().put("PIPELENS_COLLECTOR_OTLP_HTTP_PORT", Integer.toString(ports.otlpHttp));
    pb.environment().put("PIPELENS_COLLECTOR_OTLP_GRPC_ENABLED", "false");
    pb.environment().put("PIPELENS_COLLECTOR_ZIPKIN_ENABLED", "false");
    pb.environment().put("PIPELENS_COLLECTOR_JAEGER_ENABLED", "false");
    pb.environment().put("PIPELENS_COLLECTOR_ALERTING_PORT", "-1");
    return pb.start();
  }

  private void awaitReady(Process process, Ports ports) {
    URI ready = URI.create("http://127.0.0.1:" + ports.http + "/health/ready");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
        .failFast("collector exited: see " + directory, () -> !process.isAlive())
        .ignoreExceptions()
        .until(() -> http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
  }

  private record Ports(int http, int otlpHttp) {
    static Ports free() throws IOException {
      try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
        return new Ports(a.getLocalPort(), b.getLocalPort());
      }
    }
  }
}
