package io.pipelens.bench;

import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * The trace lookup benchmark's data: {@code traces} traces of {@code spansPerTrace} spans (a root
 * and its children, eight attributes each, one service of eight per trace) spread over the last
 * day, plus one log per trace. Trace {@code i}'s id is a function of {@code i}, so lookups pick
 * random ids without keeping a list. Written straight through the store API in commits of 1,000
 * traces; a data directory filled before with the same shape is reused.
 */
final class LookupData {
  static final String[] SERVICES = {"ingest", "features", "train", "score", "publish", "validate",
      "export", "report"};
  private static final int TRACES_PER_COMMIT = 1_000;

  final long traces;
  final int spansPerTrace;
  final long baseNanos;
  private final long stepNanos;

  LookupData(long spans, int spansPerTrace, long nowNanos) {
    this.spansPerTrace = spansPerTrace;
    this.traces = spans / spansPerTrace;
    this.baseNanos = nowNanos - 86_400_000_000_000L;
    this.stepNanos = 86_400_000_000_000L / Math.max(1, traces);
  }

  /**
   * Trace {@code i}'s id: the low 64 bits (the store's {@code trace_key}) are scrambled, so, as
   * with real random ids, they do not follow insertion order and zone maps cannot prune on them.
   */
  static String traceId(long i) {
    return String.format(Locale.ROOT, "%016x%016x", i + 1, (i + 1) * 0x9E3779B97F4A7C15L);
  }

  static String spanId(long i, int j) {
    return String.format(Locale.ROOT, "%016x", (i * 64 + j + 1) * 0xC2B2AE3D27D4EB4FL);
  }

  String service(long i) {
    return SERVICES[(int) (i % SERVICES.length)];
  }

  List<SpanRecord> trace(long i) {
    String service = service(i);
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("service.name", service);
    resource.put("telemetry.sdk.language", i % 3 == 0 ? "python" : i % 3 == 1 ? "java" : "r");
    resource.put("host.name", "worker-" + (i % 16));
    long start = baseNanos + i * stepNanos;
    List<SpanRecord> spans = new ArrayList<>(spansPerTrace);
    for (int j = 0; j < spansPerTrace; j++) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("pipeline.name", "churn-daily");
      a.put("pipeline.run_id", "run-" + i);
      a.put("pipeline.step", "step-" + j);
      a.put("http.route", "/api/v1/" + service + "/{id}");
      a.put("http.response.status_code", j % 17 == 0 ? 500L : 200L);
      a.put("rows.processed", (i * 31 + j * 7) % 100_000L);
      a.put("thread.name", "worker-" + (j % 8));
      a.put("retry", j % 5 == 0);
      long s = start + j * 1_000_000L;
      spans.add(new SpanRecord(traceId(i), spanId(i, j), j == 0 ? "" : spanId(i, 0), "", 1,
          j == 0 ? service + " run" : "step-" + j, j == 0 ? 2 : 1, s, s + 500_000L + (i + j) % 4_500_000L,
          j % 17 == 5 ? 2 : 0, j % 17 == 5 ? "failed" : "", service,
          (String) resource.get("telemetry.sdk.language"), resource, "bench", "1.0", a, List.of(),
          List.of()));
    }
    return spans;
  }

  LogRecordData log(long i) {
    long t = baseNanos + i * stepNanos + 2_000_000L;
    return new LogRecordData(t, t + 1_000, 9, "INFO", "step done", "", traceId(i), spanId(i, 1), 1,
        service(i), "python", Map.of("service.name", service(i)), "bench", "1.0",
        Map.of("rows", i % 1000L));
  }

  /** The same spans as Zipkin v2 spans. */
  List<Span> zipkinTrace(long i) {
    List<Span> out = new ArrayList<>(spansPerTrace);
    for (SpanRecord r : trace(i)) {
      Span.Builder b = Span.newBuilder().traceId(r.traceId()).id(r.spanId())
          .parentId(r.parentSpanId().isEmpty() ? null : r.parentSpanId()).name(r.name())
          .timestamp(r.startEpochNanos() / 1000).duration(Math.max(1, r.durationNanos() / 1000))
          .localEndpoint(Endpoint.newBuilder().serviceName(r.serviceName()).build());
      r.attributes().forEach((k, v) -> b.putTag(k, String.valueOf(v)));
      out.add(b.build());
    }
    return out;
  }

  /** Fills {@code dir} unless a marker says it already holds this shape; refuses other shapes. */
  void fill(Path dir) throws Exception {
    Path marker = dir.resolve("bench-shape.txt");
    String shape = traces + " traces x " + spansPerTrace + " spans, scrambled trace keys, span chunks";
    if (Files.exists(marker)) {
      String found = Files.readString(marker);
      if (found.equals(shape)) {
        System.out.println("reusing " + dir + " (" + shape + ")");
        return;
      }
      // Opening it would convert a schema-1 store first (minutes at 10M spans) only to refuse it.
      throw new IllegalStateException(dir + " holds another benchmark shape (" + found
          + "); pass an empty --data directory or delete it");
    }
    long t0 = System.nanoTime();
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir)) {
      if (store.stats().spans() > 0) {
        throw new IllegalStateException(dir + " holds other data; pass an empty --data directory");
      }
      for (long first = 0; first < traces; first += TRACES_PER_COMMIT) {
        List<SpanRecord> spans = new ArrayList<>();
        List<LogRecordData> logs = new ArrayList<>();
        for (long i = first; i < Math.min(traces, first + TRACES_PER_COMMIT); i++) {
          spans.addAll(trace(i));
          logs.add(log(i));
        }
        store.write(List.of(new TelemetryBatch(spans, logs, List.of(), 0)));
        long written = (first + TRACES_PER_COMMIT) * spansPerTrace;
        if (written % 1_000_000 == 0) {
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf(Locale.ROOT, "filled %,d spans in %.0f s (%,.0f spans/s)%n", written, s,
              written / s);
        }
      }
      System.out.printf(Locale.ROOT, "store: %s%n", store.stats());
    }
    Files.writeString(marker, shape);
  }
}
