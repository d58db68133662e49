package io.pipelens.collector.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample telemetry for store tests; exported in the test-jar for other modules. */
public final class TelemetryFixtures {
  public static final long T0 = 1_700_000_000_000_000_000L;

  private TelemetryFixtures() {}

  public static Map<String, Object> resource(String service, String language) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("service.name", service);
    r.put("telemetry.sdk.language", language);
    r.put("host.name", "worker-1");
    return r;
  }

  /** A hex trace id derived from {@code n}: 32 lower-case hex characters. */
  public static String traceId(long n) {
    return String.format("%016x%016x", n * 0x9E3779B97F4A7C15L, n * 0xC2B2AE3D27D4EB4FL + 1);
  }

  public static String spanId(long n) {
    return String.format("%016x", n * 0x165667B19E3779F9L + 7);
  }

  private static final Map<String, Object> TRAINER = resource("trainer", "python");

  /**
   * A span with about ten attributes of the common kinds (no bytes, so equals() works). Spans share one
   * resource map, as the spans of one request do.
   */
  public static SpanRecord span(String traceId, long n, String parent, long start) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("http.method", "GET");
    attrs.put("http.route", "/models/{id}/predict");
    attrs.put("http.status_code", 200L);
    attrs.put("pipeline.stage", "feature-" + (n % 7));
    attrs.put("rows.in", 10_000L + n);
    attrs.put("rows.out", 9_000L + n);
    attrs.put("duration.ratio", 0.25 + n);
    attrs.put("cache.hit", n % 2 == 0);
    attrs.put("dataset", "s3://bucket/part-" + n);
    attrs.put("tags", List.of("a", "b"));
    return new SpanRecord(
        traceId,
        spanId(n),
        parent,
        "",
        1,
        "stage-" + n,
        n % 2 == 0 ? 2 : 1,
        start,
        start + 1_000_000 + n,
        0,
        "",
        "trainer",
        "python",
        TRAINER,
        "io.pipelens.test",
        "1.0",
        attrs,
        List.of(),
        List.of());
  }

  /** A span using every attribute kind, an exception event and a link. */
  public static SpanRecord richSpan(String traceId, long start) {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("inner", "x");
    nested.put("count", 3L);
    nested.put("deeper", Map.of("flag", true));
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("str", "héllo \"quoted\" \n\t\\ \u0001 ✓ 😀");
    attrs.put("empty", "");
    attrs.put("bool", true);
    attrs.put("int", Long.MAX_VALUE);
    attrs.put("negative", -1L);
    attrs.put("double", 3.5);
    attrs.put("whole.double", 2.0);
    attrs.put("tiny", 1e-300);
    attrs.put("nan", Double.NaN);
    attrs.put("inf", Double.NEGATIVE_INFINITY);
    attrs.put("bytes", "raw\u0000bytes".getBytes(StandardCharsets.UTF_8));
    attrs.put("array", List.of("a", 1L, 2.5, false));
    attrs.put("kvlist", nested);
    attrs.put("$b", "a key that looks like a tag");
    attrs.put("none", null);
    Map<String, Object> exception = new LinkedHashMap<>();
    exception.put("exception.type", "java.lang.IllegalStateException");
    exception.put("exception.message", "model not loaded");
    exception.put("exception.stacktrace", "java.lang.IllegalStateException: model not loaded\n\tat X");
    exception.put("exception.escaped", false);
    return new SpanRecord(
        traceId,
        spanId(99),
        spanId(98),
        "vendor=value",
        1,
        "predict",
        3,
        start,
        start + 5_000_000,
        2,
        "model not loaded",
        "scorer",
        "java",
        resource("scorer", "java"),
        "io.opentelemetry.jdbc",
        "2.1.0",
        attrs,
        List.of(
            new SpanEvent(start + 10, "exception", exception),
            new SpanEvent(start + 20, "retry", Map.of())),
        List.of(
            new SpanLink(traceId(77), spanId(77), "k=v", Map.of("link.kind", "batch")),
            new SpanLink(traceId(78), spanId(78), "", Map.of())));
  }

  public static LogRecordData log(String traceId, String spanId, long time, Object body) {
    return new LogRecordData(
        time,
        time + 5,
        9,
        "INFO",
        body,
        "",
        traceId,
        spanId,
        traceId.isEmpty() ? 0 : 1,
        "trainer",
        "r",
        resource("trainer", "r"),
        "pipelens.r",
        "0.1",
        Map.of("log.file", "train.R", "line", 42L));
  }

  public static MetricPoint gauge(String name, long time, double value) {
    return new MetricPoint(
        name, "a gauge", "1", MetricPoint.Type.GAUGE, false, 0, 0, time, "trainer", "python",
        resource("trainer", "python"), "meter", "1.0", Map.of("model", "m1"), value, 0,
        Double.NaN, Double.NaN, Double.NaN, 0, List.of(), List.of(), List.of(), List.of(), 0);
  }

  /** One point of each metric type, all at {@code time}. */
  public static List<MetricPoint> everyMetricType(long time) {
    List<MetricPoint> out = new ArrayList<>();
    out.add(gauge("queue.depth", time, 12.5));
    out.add(
        new MetricPoint(
            "rows.processed", "rows", "{row}", MetricPoint.Type.SUM, true, 2, time - 1000, time,
            "trainer", "python", resource("trainer", "python"), "meter", "1.0",
            Map.of("stage", "load"), 123456.0, 0, Double.NaN, Double.NaN, Double.NaN, 0,
            List.of(), List.of(), List.of(), List.of(), 0));
    out.add(
        new MetricPoint(
            "latency", "request latency", "ms", MetricPoint.Type.HISTOGRAM, false, 1, time - 1000,
            time, "scorer", "java", resource("scorer", "java"), "meter", "1.0",
            Map.of("route", "/predict"), Double.NaN, 10, 123.5, 0.5, 80.0, 0,
            List.of(1.0, 10.0, 100.0), List.of(2L, 5L, 3L, 0L), List.of(), List.of(), 1));
    out.add(
        new MetricPoint(
            "latency.exp", "", "ms", MetricPoint.Type.EXPONENTIAL_HISTOGRAM, false, 2,
            time - 1000, time, "scorer", "java", resource("scorer", "java"), "meter", "1.0",
            Map.of(), Double.NaN, 7, 42.0, 1.0, 20.0, 3, List.of(-2.0), List.of(1L, 4L, 2L),
            List.of(), List.of(), 0));
    out.add(
        new MetricPoint(
            "gc.pause", "", "s", MetricPoint.Type.SUMMARY, false, 0, time - 1000, time, "etl",
            "r", resource("etl", "r"), "meter", "1.0", Map.of("gen", "old"), Double.NaN, 4, 2.0,
            Double.NaN, Double.NaN, 0, List.of(), List.of(), List.of(0.5, 0.99),
            List.of(0.4, 0.9), 0));
    return out;
  }
}
