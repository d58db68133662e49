package io.pipelens.collector.series;

/** One sample: milliseconds since the Unix epoch and a value. */
public record Sample(long timestampMs, double value) {}
