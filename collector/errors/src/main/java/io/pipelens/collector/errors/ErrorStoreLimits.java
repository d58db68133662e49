package io.pipelens.collector.errors;

/**
 * Memory bounds of an error group store. Defaults: 10,000 groups (least recently seen evicted
 * first), 20 recent trace ids and 10 recent occurrences per group, 5,000 traces in the
 * trace-to-errors index with at most 20 errors each. With occurrences capped by {@link
 * ErrorExtractor} (about 20 KiB each at most) the worst case is about (10,000 x 10 + 5,000 x 20)
 * occurrences x 20 KiB = 4 GiB; typical stacks of 2-5 KiB and far fewer groups need a few MiB.
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
    return new ErrorStoreLimits(10_000, 20, 10, 5_000, 20);
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
