package io.pipelens.collector.store;

/** Item counts and the store's size on disk in bytes (0 for an in-memory store). */
public record StoreStats(long spans, long logs, long metricPoints, long diskBytes) {}
