package io.pipelens.collector.series;

import io.pipelens.collector.store.MetricPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-exposes OTLP metric points as Prometheus series in a {@link SeriesStore}, following the
 * OpenTelemetry "Prometheus and OpenMetrics Compatibility" rules:
 *
 * <ul>
 *   <li>gauges -> gauge; cumulative monotonic sums -> counter ({@code _total}); cumulative
 *       non-monotonic sums -> gauge; delta monotonic sums -> accumulated into a counter; delta
 *       non-monotonic sums are dropped;
 *   <li>explicit-bucket histograms -> {@code _bucket{le}} (cumulative counts, {@code +Inf} last),
 *       {@code _sum}, {@code _count}; delta histograms accumulated;
 *   <li>summaries -> {@code {quantile}} series, {@code _sum}, {@code _count};
 *   <li>exponential histograms are dropped (native histograms have no 0.0.4 text form);
 *   <li>names and units per {@link PrometheusNames}; {@code job}/{@code instance} from the
 *       resource; other resource attributes in one {@code target_info} gauge per job/instance.
 * </ul>
 *
 * <p>Points whose metric name is already known with another TYPE are dropped. Every dropped point
 * is counted by reason ({@link #dropped()}). Thread-safe; delta accumulation state is bounded by
 * the store's series limit.
 */
public final class OtlpMetricIngester {

  public static final String TARGET_INFO = "target_info";

  private final SeriesStore store;
  private final Map<Labels, Double> deltaSums = new HashMap<>();
  private final Map<Labels, HistogramState> deltaHistograms = new HashMap<>();
  private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

  public OtlpMetricIngester(SeriesStore store) {
    this.store = store;
    store.describe(new MetricMetadata(TARGET_INFO, MetricType.GAUGE, "Target metadata", ""));
  }

  private static final class HistogramState {
    List<Double> bounds;
    long[] counts;
    double sum;
    long count;
  }

  /** Converts and appends every point; returns the number of samples accepted by the store. */
  public synchronized int ingest(List<MetricPoint> points) {
    int accepted = 0;
    for (MetricPoint p : points) {
      accepted += ingest(p);
    }
    return accepted;
  }

  private int ingest(MetricPoint p) {
    if ((p.flags() & 1) != 0) {
      return drop("no_recorded_value");
    }
    if (p.timeEpochNanos() <= 0 || p.name() == null || p.name().isBlank()) {
      return drop("invalid");
    }
    long ts = p.timeEpochNanos() / 1_000_000L;
    return switch (p.type()) {
      case GAUGE -> simple(p, ts);
      case SUM -> sum(p, ts);
      case HISTOGRAM -> histogram(p, ts);
      case SUMMARY -> summary(p, ts);
      case EXPONENTIAL_HISTOGRAM -> drop("exponential_histogram");
    } + targetInfo(p, ts);
  }

  private int sum(MetricPoint p, long ts) {
    boolean delta = p.temporality() == 1;
    if (!p.monotonic()) {
      return delta ? drop("non_monotonic_delta_sum") : simple(p, ts);
    }
    String name = PrometheusNames.metricName(p.name(), p.unit(), true, false);
    if (!describe(name, MetricType.COUNTER, p)) {
      return drop("type_conflict");
    }
    Labels labels = labels(name, p);
    double value = p.value();
    if (delta) {
      if (!deltaSums.containsKey(labels) && deltaSums.size() >= store.config().maxSeries()) {
        return drop("series_limit");
      }
      value = deltaSums.merge(labels, p.value(), Double::sum);
    }
    return append(labels, ts, value);
  }

  private int simple(MetricPoint p, long ts) {
    String name = PrometheusNames.metricName(p.name(), p.unit(), false, true);
    if (!describe(name, MetricType.GAUGE, p)) {
      return drop("type_conflict");
    }
    return append(labels(name, p), ts, p.value());
  }

  private int histogram(MetricPoint p, long ts) {
    String name = PrometheusNames.metricName(p.name(), p.unit(), false, false);
    List<Double> bounds = p.bucketBounds() == null ? List.of() : p.bucketBounds();
    List<Long> counts = p.bucketCounts() == null ? List.of() : p.bucketCounts();
    if (!counts.isEmpty() && counts.size() != bounds.size() + 1) {
      return drop("invalid");
    }
    if (!describe(name, MetricType.HISTOGRAM, p)) {
      return drop("type_conflict");
    }
    long[] bucketCounts = new long[bounds.size() + 1];
    for (int i = 0; i < counts.size(); i++) {
      bucketCounts[i] = counts.get(i);
    }
    if (counts.isEmpty()) {
      bucketCounts[bounds.size()] = p.count();
    }
    double sum = p.sum();
    long count = p.count();
    Labels base = labels(name, p);
    if (p.temporality() == 1) {
      HistogramState st = deltaHistograms.get(base);
      if (st == null) {
        if (deltaHistograms.size() >= store.config().maxSeries()) {
          return drop("series_limit");
        }
        st = new HistogramState();
        deltaHistograms.put(base, st);
      }
      if (st.bounds == null || !st.bounds.equals(bounds)) {
        st.bounds = List.copyOf(bounds);
        st.counts = new long[bounds.size() + 1];
        st.sum = 0;
        st.count = 0;
      }
      for (int i = 0; i < bucketCounts.length; i++) {
        st.counts[i] += bucketCounts[i];
      }
      st.sum += Double.isNaN(sum) ? 0 : sum;
      st.count += count;
      bucketCounts = st.counts.clone();
      sum = st.sum;
      count = st.count;
    }
    int accepted = 0;
    long cumulative = 0;
    for (int i = 0; i <= bounds.size(); i++) {
      cumulative += bucketCounts[i];
      String le = i < bounds.size() ? PrometheusTextWriter.formatValue(bounds.get(i)) : "+Inf";
      accepted += append(base.with(Labels.NAME, name + "_bucket").with("le", le), ts, cumulative);
    }
    if (!Double.isNaN(sum)) {
      accepted += append(base.with(Labels.NAME, name + "_sum"), ts, sum);
    }
    accepted += append(base.with(Labels.NAME, name + "_count"), ts, count);
    return accepted;
  }

  private int summary(MetricPoint p, long ts) {
    String name = PrometheusNames.metricName(p.name(), p.unit(), false, false);
    if (!describe(name, MetricType.SUMMARY, p)) {
      return drop("type_conflict");
    }
    Labels base = labels(name, p);
    int accepted = 0;
    List<Double> qs = p.quantiles() == null ? List.of() : p.quantiles();
    List<Double> vs = p.quantileValues() == null ? List.of() : p.quantileValues();
    for (int i = 0; i < Math.min(qs.size(), vs.size()); i++) {
      accepted += append(base.with("quantile", PrometheusTextWriter.formatValue(qs.get(i))), ts, vs.get(i));
    }
    if (!Double.isNaN(p.sum())) {
      accepted += append(base.with(Labels.NAME, name + "_sum"), ts, p.sum());
    }
    accepted += append(base.with(Labels.NAME, name + "_count"), ts, p.count());
    return accepted;
  }

  private int targetInfo(MetricPoint p, long ts) {
    TreeMap<String, String> attrs = OtlpLabels.attributes(p.resource(), OtlpLabels.IDENTIFYING);
    if (attrs.isEmpty()) {
      return 0;
    }
    attrs.put("job", OtlpLabels.job(p.resource(), p.serviceName()));
    attrs.put("instance", OtlpLabels.instance(p.resource()));
    attrs.put(Labels.NAME, TARGET_INFO);
    return append(new Labels(attrs), ts, 1);
  }

  private boolean describe(String name, MetricType type, MetricPoint p) {
    String help = p.description() == null ? "" : p.description();
    return store.describe(new MetricMetadata(name, type, help, PrometheusNames.unit(p.unit())));
  }

  private static Labels labels(String name, MetricPoint p) {
    return OtlpLabels.series(name, p.attributes(), p.resource(), p.serviceName(), p.scopeName(), p.scopeVersion());
  }

  private int append(Labels labels, long ts, double value) {
    AppendResult r = store.append(labels, ts, value);
    if (r == AppendResult.ACCEPTED) {
      return 1;
    }
    drop("store_" + r.reason());
    return 0;
  }

  private int drop(String reason) {
    dropped.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
    return 0;
  }

  /** Points (or, for {@code store_*} reasons, samples) dropped since start, by reason. */
  public Map<String, Long> dropped() {
    Map<String, Long> out = new TreeMap<>();
    dropped.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
