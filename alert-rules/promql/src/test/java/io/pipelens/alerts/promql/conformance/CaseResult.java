package io.pipelens.alerts.promql.conformance;

/**
 * Outcome of one eval command.
 *
 * @param id "file.test:line"
 * @param nativeHistograms the loaded data or the expectation involved native histograms
 */
record CaseResult(String id, String expr, boolean passed, String failure, boolean nativeHistograms) {}
