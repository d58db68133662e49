package io.pipelens.collector.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.pipelens.collector.store.MetricPoint;
import io.pipelens.collector.store.MetricPoint.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP metrics to one {@link MetricPoint} per data point. A metric without a name or without data
 * is rejected (its data points counted as rejected).
 *
 * <p>Exponential histograms: {@code bucketBounds} holds {@code [positive.offset, negative.offset,
 * zero_count, number of positive buckets]} and {@code bucketCounts} the positive bucket counts
 * followed by the negative ones.
 */
public final class MetricConverter {
  private MetricConverter() {}

  /** What every point of one metric shares. */
  private record Identity(
      Metric metric,
      Type type,
      boolean monotonic,
      int temporality,
      String service,
      String language,
      Map<String, Object> resource,
      InstrumentationScope scope) {}

  public static Converted<MetricPoint> convert(ExportMetricsServiceRequest request) {
    List<MetricPoint> out = new ArrayList<>();
    Rejections rejections = new Rejections();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      Map<String, Object> resource = AnyValues.attributes(rm.getResource().getAttributesList());
      String service = AnyValues.stringAttribute(rm.getResource(), "service.name");
      String language = AnyValues.stringAttribute(rm.getResource(), "telemetry.sdk.language");
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric m : sm.getMetricsList()) {
          if (m.getName().isEmpty()) {
            rejections.reject(Math.max(1, pointCount(m)), "metric without a name");
            continue;
          }
          Identity id = identity(m, service, language, resource, sm.getScope());
          if (id == null) {
            rejections.reject(1, "metric '" + m.getName() + "' has no data");
            continue;
          }
          addPoints(id, out);
        }
      }
    }
    return new Converted<>(out, rejections.count(), rejections.message());
  }

  private static Identity identity(
      Metric m, String service, String language, Map<String, Object> res, InstrumentationScope s) {
    return switch (m.getDataCase()) {
      case GAUGE -> new Identity(m, Type.GAUGE, false, 0, service, language, res, s);
      case SUM -> new Identity(m, Type.SUM, m.getSum().getIsMonotonic(),
          m.getSum().getAggregationTemporalityValue(), service, language, res, s);
      case HISTOGRAM -> new Identity(m, Type.HISTOGRAM, false,
          m.getHistogram().getAggregationTemporalityValue(), service, language, res, s);
      case EXPONENTIAL_HISTOGRAM -> new Identity(m, Type.EXPONENTIAL_HISTOGRAM, false,
          m.getExponentialHistogram().getAggregationTemporalityValue(), service, language, res, s);
      case SUMMARY -> new Identity(m, Type.SUMMARY, false, 0, service, language, res, s);
      case DATA_NOT_SET -> null;
    };
  }

  private static int pointCount(Metric m) {
    return switch (m.getDataCase()) {
      case GAUGE -> m.getGauge().getDataPointsCount();
      case SUM -> m.getSum().getDataPointsCount();
      case HISTOGRAM -> m.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> m.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> m.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }

  private static void addPoints(Identity id, List<MetricPoint> out) {
    Metric m = id.metric();
    switch (m.getDataCase()) {
      case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> out.add(number(id, p)));
      case SUM -> m.getSum().getDataPointsList().forEach(p -> out.add(number(id, p)));
      case HISTOGRAM -> m.getHistogram().getDataPointsList().forEach(p -> out.add(histogram(id, p)));
      case EXPONENTIAL_HISTOGRAM ->
          m.getExponentialHistogram().getDataPointsList().forEach(p -> out.add(exponential(id, p)));
      case SUMMARY -> m.getSummary().getDataPointsList().forEach(p -> out.add(summary(id, p)));
      case DATA_NOT_SET -> {}
    }
  }

  private static MetricPoint number(Identity id, NumberDataPoint p) {
    double value = p.hasAsInt() ? (double) p.getAsInt() : p.getAsDouble();
    return point(id, p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        AnyValues.attributes(p.getAttributesList()), value, 0, Double.NaN, Double.NaN, Double.NaN,
        0, List.of(), List.of(), List.of(), List.of(), p.getFlags());
  }

  private static MetricPoint histogram(Identity id, HistogramDataPoint p) {
    return point(id, p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        AnyValues.attributes(p.getAttributesList()), Double.NaN, p.getCount(),
        p.hasSum() ? p.getSum() : Double.NaN,
        p.hasMin() ? p.getMin() : Double.NaN,
        p.hasMax() ? p.getMax() : Double.NaN,
        0, List.copyOf(p.getExplicitBoundsList()), List.copyOf(p.getBucketCountsList()),
        List.of(), List.of(), p.getFlags());
  }

  private static MetricPoint exponential(Identity id, ExponentialHistogramDataPoint p) {
    List<Long> counts = new ArrayList<>(p.getPositive().getBucketCountsList());
    counts.addAll(p.getNegative().getBucketCountsList());
    List<Double> layout = List.of(
        (double) p.getPositive().getOffset(),
        (double) p.getNegative().getOffset(),
        (double) p.getZeroCount(),
        (double) p.getPositive().getBucketCountsCount());
    return point(id, p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        AnyValues.attributes(p.getAttributesList()), Double.NaN, p.getCount(),
        p.hasSum() ? p.getSum() : Double.NaN,
        p.hasMin() ? p.getMin() : Double.NaN,
        p.hasMax() ? p.getMax() : Double.NaN,
        p.getScale(), layout, List.copyOf(counts), List.of(), List.of(), p.getFlags());
  }

  private static MetricPoint summary(Identity id, SummaryDataPoint p) {
    List<Double> quantiles = new ArrayList<>(p.getQuantileValuesCount());
    List<Double> values = new ArrayList<>(p.getQuantileValuesCount());
    for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
      quantiles.add(q.getQuantile());
      values.add(q.getValue());
    }
    return point(id, p.getStartTimeUnixNano(), p.getTimeUnixNano(),
        AnyValues.attributes(p.getAttributesList()), Double.NaN, p.getCount(), p.getSum(),
        Double.NaN, Double.NaN, 0, List.of(), List.of(), List.copyOf(quantiles),
        List.copyOf(values), p.getFlags());
  }

  @SuppressWarnings("checkstyle:ParameterNumber")
  private static MetricPoint point(Identity id, long start, long time, Map<String, Object> attrs,
      double value, long count, double sum, double min, double max, int scale,
      List<Double> bounds, List<Long> counts, List<Double> quantiles, List<Double> qValues,
      int flags) {
    Metric m = id.metric();
    return new MetricPoint(m.getName(), m.getDescription(), m.getUnit(), id.type(), id.monotonic(),
        id.temporality(), start, time, id.service(), id.language(), id.resource(),
        id.scope().getName(), id.scope().getVersion(), attrs, value, count, sum, min, max, scale,
        bounds, counts, quantiles, qValues, flags);
  }
}
