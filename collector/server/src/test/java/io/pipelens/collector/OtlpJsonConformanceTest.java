package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.MetricPoint;
import io.pipelens.collector.store.SpanRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The upstream OTLP/JSON examples, posted as application/json, are stored field by field. */
class OtlpJsonConformanceTest {
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static TestCollector c;

  @BeforeAll
  static void start() throws Exception {
    c = new TestCollector();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  private static void post(String path, String file) throws Exception {
    HttpResponse<byte[]> response = c.post(c.otlpHttpUrl(path), "application/json",
        Files.readAllBytes(Conformance.otlp(file)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void traceJson() throws Exception {
    post("/v1/traces", "trace.json");
    SpanRecord span = c.store.trace(TRACE_ID).get(0);
    assertThat(span.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(span.parentSpanId()).isEqualTo("eee19b7ec3c1b173");
    assertThat(span.name()).isEqualTo("I'm a server span");
    assertThat(span.kind()).isEqualTo(2);
    assertThat(span.startEpochNanos()).isEqualTo(1544712660000000000L);
    assertThat(span.endEpochNanos()).isEqualTo(1544712661000000000L);
    assertThat(span.serviceName()).isEqualTo("my.service");
    assertThat(span.resource()).containsEntry("service.name", "my.service");
    assertThat(span.scopeName()).isEqualTo("my.library");
    assertThat(span.scopeVersion()).isEqualTo("1.0.0");
    assertThat(span.attributes()).containsExactly(Map.entry("my.span.attr", "some value"));
  }

  @Test
  void metricsJson() throws Exception {
    post("/v1/metrics", "metrics.json");
    long t = 1544712660300000000L;
    MetricPoint counter = only("my.counter", t);
    assertThat(counter.type()).isEqualTo(MetricPoint.Type.SUM);
    assertThat(counter.monotonic()).isTrue();
    assertThat(counter.temporality()).isEqualTo(1);
    assertThat(counter.value()).isEqualTo(5.0);
    assertThat(counter.unit()).isEqualTo("1");
    assertThat(counter.description()).isEqualTo("I am a Counter");
    assertThat(counter.attributes()).containsEntry("my.counter.attr", "some value");
    assertThat(counter.serviceName()).isEqualTo("my.service");

    MetricPoint gauge = only("my.gauge", t);
    assertThat(gauge.type()).isEqualTo(MetricPoint.Type.GAUGE);
    assertThat(gauge.value()).isEqualTo(10.0);

    MetricPoint histogram = only("my.histogram", t);
    assertThat(histogram.type()).isEqualTo(MetricPoint.Type.HISTOGRAM);
    assertThat(histogram.count()).isEqualTo(2);
    assertThat(histogram.sum()).isEqualTo(2.0);
    assertThat(histogram.min()).isEqualTo(0.0);
    assertThat(histogram.max()).isEqualTo(2.0);
    assertThat(histogram.bucketBounds()).containsExactly(1.0);
    assertThat(histogram.bucketCounts()).containsExactly(1L, 1L);

    MetricPoint exponential = only("my.exponential.histogram", t);
    assertThat(exponential.type()).isEqualTo(MetricPoint.Type.EXPONENTIAL_HISTOGRAM);
    assertThat(exponential.count()).isEqualTo(3);
    assertThat(exponential.sum()).isEqualTo(10.0);
    assertThat(exponential.max()).isEqualTo(5.0);
    assertThat(exponential.scale()).isZero();
    // [positive offset, negative offset, zero count, positive bucket count]
    assertThat(exponential.bucketBounds()).containsExactly(1.0, 0.0, 1.0, 2.0);
    assertThat(exponential.bucketCounts()).containsExactly(0L, 2L);
  }

  private static MetricPoint only(String name, long t) throws Exception {
    List<MetricPoint> points = c.store.metricPoints(name, t, t + 1);
    assertThat(points).as(name).hasSize(1);
    return points.get(0);
  }

  @Test
  void logsJson() throws Exception {
    post("/v1/logs", "logs.json");
    LogRecordData log = c.store.logsOfTrace(TRACE_ID).stream()
        .filter(l -> "Example log record".equals(l.body())).findFirst().orElseThrow();
    assertThat(log.spanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(log.severityNumber()).isEqualTo(10);
    assertThat(log.severityText()).isEqualTo("Information");
    assertThat(log.timeEpochNanos()).isEqualTo(1544712660300000000L);
    assertThat(log.serviceName()).isEqualTo("my.service");
    assertThat(log.attributes())
        .containsEntry("string.attribute", "some string")
        .containsEntry("boolean.attribute", true)
        .containsEntry("int.attribute", 10L)
        .containsEntry("double.attribute", 637.704)
        .containsEntry("array.attribute", List.of("many", "values"))
        .containsEntry("map.attribute", Map.of("some.map.key", "some value"));
  }

  @Test
  void eventsJson() throws Exception {
    post("/v1/logs", "events.json");
    LogRecordData event = c.store.logs().stream()
        .filter(l -> l.eventName().equals("browser.page_view")).findFirst().orElseThrow();
    assertThat(event.severityNumber()).isEqualTo(9);
    assertThat(event.traceId()).isEmpty();
    assertThat(event.attributes()).containsEntry("event.attribute", "some event attribute");
    assertThat(event.body()).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) event.body();
    assertThat(body).containsEntry("type", 0L)
        .containsEntry("title", "Free Online GUID Generator");
  }
}
