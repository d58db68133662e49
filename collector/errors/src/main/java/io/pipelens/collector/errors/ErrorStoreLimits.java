package io.pipelens.collector.errors;

/**
 * Memory bounds of an error group store. Defaults: 10,000 groups (least recently seen evicted
 * first), 20 recent trace ids and 20 recent occurrences per group, 10,000 traces in the
 * trace-to-errors index with at most 100 errors each.
 */
public record ErrorStoreLimits(
    int maxGroups, int recentTraceIds, int recentOccurrences, int maxTraces, int maxErrorsPerTrace) {

  public ErrorStoreLimits {
    positive("maxGroups", maxGroups);
    positive("recentTraceIds", recentTraceIds);
    positive("recentOccurrences", recentOccurrences);
    positive("maxTraces", maxTraces);
    positive("maxErrorsPerTrace", maxErrorsPerTrace);
  }

  public static ErrorStoreLimits defaults() {
    return new ErrorStoreLimits(10_000, 20, 20, 10_000, 100);
  }

  public ErrorStoreLimits withMaxGroups(int n) {
    return new ErrorStoreLimits(n, recentTraceIds, recentOccurrences, maxTraces, maxErrorsPerTrace);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("error store limit " + name + " must be > 0, was " + value);
    }
  }
}
