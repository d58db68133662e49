package io.pipelens.collector.errors;

/**
 * Counters of an {@link ErrorGroupStore}: groups held now, occurrences recorded since start (or
 * restore), and groups evicted because {@link ErrorStoreLimits#maxGroups()} was reached.
 */
public record ErrorStoreStats(int groups, long occurrencesRecorded, long groupsEvicted) {}
