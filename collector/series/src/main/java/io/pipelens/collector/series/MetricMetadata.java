package io.pipelens.collector.series;

/**
 * Metadata of one metric family: {@code name} is the family name as exposed in {@code # TYPE}
 * (counters include {@code _total}; histograms and summaries exclude {@code _bucket}/{@code
 * _sum}/{@code _count}); {@code unit} is the Prometheus unit word (e.g. {@code seconds}) or empty.
 */
public record MetricMetadata(String name, MetricType type, String help, String unit) {}
