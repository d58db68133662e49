package io.pipelens.collector.series;

import io.pipelens.collector.store.SpanRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RED metrics derived from spans (the role of the OpenTelemetry Collector's spanmetrics
 * connector) and error counts per error group.
 *
 * <ul>
 *   <li>{@code pipelens_spans_total{service,operation,language,span_kind,status_code}} counter;
 *   <li>{@code pipelens_span_duration_seconds{...same,le}} histogram, buckets {@link
 *       #DURATION_BUCKETS_SECONDS} (5 ms .. 1 h, for pipeline steps that take minutes);
 *   <li>{@code pipelens_errors_total{fingerprint,service,language,type}} counter.
 * </ul>
 *
 * <p>{@link #record} and {@link #recordError} only update in-memory cumulative counters (cheap,
 * thread-safe, called from ingest); {@link #collect} writes their current values into a {@link
 * SeriesStore} as one sample per series at the given time, like a scrape. At most {@code maxKeys}
 * label sets per metric are tracked; spans or errors with a new label set beyond it are counted
 * in {@link #droppedKeys()} (an unbounded span name would otherwise grow memory without bound).
 */
public final class SpanMetrics {

  public static final String SPANS_TOTAL = "pipelens_spans_total";
  public static final String DURATION = "pipelens_span_duration_seconds";
  public static final String ERRORS_TOTAL = "pipelens_errors_total";
  public static final List<Double> DURATION_BUCKETS_SECONDS = List.of(
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0,
      1800.0, 3600.0);

  static final String[] KINDS = {"unspecified", "internal", "server", "client", "producer", "consumer"};
  static final String[] STATUSES = {"unset", "ok", "error"};

  private static final double[] BOUNDS =
      DURATION_BUCKETS_SECONDS.stream().mapToDouble(Double::doubleValue).toArray();

  private final int maxKeys;
  /** Keyed by the span's own fields: no label map is built per span, only once per new key. */
  private final Map<RedKey, Red> red = new ConcurrentHashMap<>();
  private final Map<Labels, AtomicLong> errors = new ConcurrentHashMap<>();
  private final AtomicLong droppedKeys = new AtomicLong();

  /** @param maxKeys most label sets tracked per metric (e.g. 10,000) */
  public SpanMetrics(int maxKeys) {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("spanMetrics.maxKeys must be > 0, was " + maxKeys);
    }
    this.maxKeys = maxKeys;
  }

  /** The RED label values of a span; maps one-to-one onto its {@link Labels}. */
  private record RedKey(String service, String operation, String language, int kind, int status) {
    Labels labels() {
      return Labels.of(
          "service", service,
          "operation", operation,
          "language", language,
          "span_kind", name(KINDS, kind),
          "status_code", name(STATUSES, status));
    }
  }

  private static final class Red {
    final Labels labels;
    long calls;
    double sumSeconds;
    final long[] buckets = new long[BOUNDS.length];

    Red(Labels labels) {
      this.labels = labels;
    }

    synchronized void add(double seconds) {
      calls++;
      sumSeconds += seconds;
      for (int i = 0; i < BOUNDS.length; i++) {
        if (seconds <= BOUNDS[i]) {
          buckets[i]++;
          return;
        }
      }
    }
  }

  public void record(SpanRecord span) {
    RedKey key = new RedKey(span.serviceName(), span.name(), span.language(), span.kind(), span.statusCode());
    Red r = red.get(key);
    if (r == null) {
      if (red.size() >= maxKeys) {
        droppedKeys.incrementAndGet();
        return;
      }
      r = red.computeIfAbsent(key, k -> new Red(k.labels()));
    }
    r.add(Math.max(0, span.durationNanos()) / 1e9);
  }

  public void recordError(String fingerprint, String service, String language, String type) {
    Labels key = Labels.of("fingerprint", fingerprint, "service", service, "language", language, "type", type);
    AtomicLong c = errors.get(key);
    if (c == null) {
      if (errors.size() >= maxKeys) {
        droppedKeys.incrementAndGet();
        return;
      }
      c = errors.computeIfAbsent(key, k -> new AtomicLong());
    }
    c.incrementAndGet();
  }

  /** Appends the current cumulative values to {@code store} at {@code nowMs}; returns samples accepted. */
  public int collect(SeriesStore store, long nowMs) {
    store.describe(new MetricMetadata(SPANS_TOTAL, MetricType.COUNTER, "Spans received, by service, operation, language, kind and status.", ""));
    store.describe(new MetricMetadata(DURATION, MetricType.HISTOGRAM, "Span duration in seconds.", "seconds"));
    store.describe(new MetricMetadata(ERRORS_TOTAL, MetricType.COUNTER, "Error occurrences, by error group.", ""));
    int accepted = 0;
    for (Red r : red.values()) {
      long calls;
      double sum;
      long[] buckets;
      synchronized (r) {
        calls = r.calls;
        sum = r.sumSeconds;
        buckets = r.buckets.clone();
      }
      Labels k = r.labels;
      accepted += ok(store.append(k.with(Labels.NAME, SPANS_TOTAL), nowMs, calls));
      long cumulative = 0;
      for (int i = 0; i < buckets.length; i++) {
        cumulative += buckets[i];
        accepted += ok(store.append(k.with(Labels.NAME, DURATION + "_bucket")
            .with("le", PrometheusTextWriter.formatValue(DURATION_BUCKETS_SECONDS.get(i))), nowMs, cumulative));
      }
      accepted += ok(store.append(k.with(Labels.NAME, DURATION + "_bucket").with("le", "+Inf"), nowMs, calls));
      accepted += ok(store.append(k.with(Labels.NAME, DURATION + "_sum"), nowMs, sum));
      accepted += ok(store.append(k.with(Labels.NAME, DURATION + "_count"), nowMs, calls));
    }
    for (var e : errors.entrySet()) {
      accepted += ok(store.append(e.getKey().with(Labels.NAME, ERRORS_TOTAL), nowMs, e.getValue().get()));
    }
    return accepted;
  }

  /** Spans and errors not counted because {@code maxKeys} label sets were already tracked. */
  public long droppedKeys() {
    return droppedKeys.get();
  }

  private static int ok(AppendResult r) {
    return r == AppendResult.ACCEPTED ? 1 : 0;
  }

  private static String name(String[] names, int code) {
    return code >= 0 && code < names.length ? names[code] : Integer.toString(code);
  }
}
