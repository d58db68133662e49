package io.pipelens.collector.store;

import java.util.List;
import java.util.Map;

/**
 * One data point of an OTLP metric, flattened with its metric's identity.
 *
 * <p>Which value fields are meaningful depends on {@code type}: {@code GAUGE} and {@code SUM} use
 * {@code value}; {@code HISTOGRAM} uses {@code count}, {@code sum}, {@code min}, {@code max}, {@code
 * bucketBounds} (explicit upper bounds) and {@code bucketCounts} (one more than the bounds); {@code
 * SUMMARY} uses {@code count}, {@code sum} and {@code quantiles}/{@code quantileValues}; {@code
 * EXPONENTIAL_HISTOGRAM} keeps {@code count}, {@code sum}, {@code min}, {@code max} and {@code
 * scale} with positive/negative buckets flattened into {@code bucketCounts} (offset in {@code
 * bucketBounds[0]}, documented by the store). Unused numeric fields are {@link Double#NaN} or 0.
 * {@code temporality} is OTLP's AggregationTemporality number (0 unspecified, 1 delta, 2
 * cumulative).
 */
public record MetricPoint(
    String name,
    String description,
    String unit,
    Type type,
    boolean monotonic,
    int temporality,
    long startEpochNanos,
    long timeEpochNanos,
    String serviceName,
    String language,
    Map<String, Object> resource,
    String scopeName,
    String scopeVersion,
    Map<String, Object> attributes,
    double value,
    long count,
    double sum,
    double min,
    double max,
    int scale,
    List<Double> bucketBounds,
    List<Long> bucketCounts,
    List<Double> quantiles,
    List<Double> quantileValues,
    int flags) {

  /** The OTLP metric data kinds. */
  public enum Type {
    GAUGE,
    SUM,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }
}
