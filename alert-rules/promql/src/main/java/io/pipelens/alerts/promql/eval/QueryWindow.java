package io.pipelens.alerts.promql.eval;

/**
 * The outer query's time frame, needed for {@code @ start()}, {@code @ end()}, step() and range().
 * Instant queries have start == end and step 0. Milliseconds.
 */
public record QueryWindow(long startMs, long endMs, long stepMs, boolean rangeQuery) {}
