package io.pipelens.drift.reference;

import java.util.Arrays;

/**
 * Summary of a numeric reference feature, built once: fine quantile bins plus, for small
 * references, the sorted raw values so small windows can be compared exactly.
 *
 * <p>Bins are right-closed: bin i holds values in (edges[i], edges[i+1]]; {@code atMin} counts
 * values equal to edges[0] (the minimum). Edges are reference quantiles at i/K (deduplicated, so
 * heavily tied values become edges and are counted exactly).
 *
 * @param count non-missing values
 * @param std population standard deviation (ddof = 0)
 * @param sample all values sorted ascending when count &lt;= the raw limit, else null
 * @param distinct distinct values (exact up to the raw limit, else at least edges.length - 1)
 */
public record NumericProfile(
    long count, double mean, double std, double[] edges, long atMin, long[] binCounts,
    double[] sample, long distinct) {

  /** Builds the profile from sorted values (ascending, no NaN, at least one). */
  public static NumericProfile ofSorted(double[] sorted, int bins, int rawLimit) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("a numeric profile needs at least one value");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    int n = sorted.length;
    double[] candidate = new double[bins + 1];
    int k = 0;
    for (int i = 0; i <= bins; i++) {
      double e = sorted[(int) ((long) i * (n - 1) / bins)];
      if (k == 0 || e > candidate[k - 1]) {
        candidate[k++] = e;
      }
    }
    double[] edges = Arrays.copyOf(candidate, k);
    long[] counts = new long[Math.max(k - 1, 0)];
    long atMin = 0;
    int bin = 0;
    for (double v : sorted) {
      if (v <= edges[0]) {
        atMin++;
        continue;
      }
      while (v > edges[bin + 1]) {
        bin++;
      }
      counts[bin]++;
    }
    double mean = 0;
    for (double v : sorted) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    long distinct = 0;
    for (int i = 0; i < n; i++) {
      double d = sorted[i] - mean;
      ss += d * d;
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    return new NumericProfile(n, mean, Math.sqrt(ss / n), edges, atMin, counts,
        n <= rawLimit ? sorted.clone() : null, distinct);
  }

  /** Whether the raw values are kept (exact comparisons possible). */
  public boolean exact() {
    return sample != null;
  }
}
