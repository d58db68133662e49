package io.pipelens.drift.stats;

/**
 * Result of a hypothesis test: the test statistic (KS D, Pearson chi-square, z) and its p-value.
 */
public record TestResult(double statistic, double pValue) {}
