package io.pipelens.drift.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Pearson chi-square test of homogeneity on the 2 x k table of category counts (reference row,
 * current row) — {@code scipy.stats.chi2_contingency(table, correction=False)}. Categories absent
 * from both rows must be left out by the caller. Degrees of freedom k - 1; with a single category
 * the samples cannot differ and the p-value is 1.
 */
public final class ChiSquareTest {
  private ChiSquareTest() {}

  public static TestResult homogeneity(long[] reference, long[] current) {
    if (reference.length != current.length || reference.length == 0) {
      throw new IllegalArgumentException(
          "chi-square needs count vectors of the same non-zero length, got "
              + reference.length + " and " + current.length);
    }
    double nr = 0;
    double nc = 0;
    for (int i = 0; i < reference.length; i++) {
      nr += reference[i];
      nc += current[i];
    }
    if (nr == 0 || nc == 0) {
      throw new IllegalArgumentException("chi-square needs at least one count on each side");
    }
    int k = reference.length;
    if (k == 1) {
      return new TestResult(0.0, 1.0);
    }
    double total = nr + nc;
    double stat = 0;
    for (int i = 0; i < k; i++) {
      double col = reference[i] + current[i];
      double er = nr * col / total;
      double ec = nc * col / total;
      stat += sq(reference[i] - er) / er + sq(current[i] - ec) / ec;
    }
    double p = ChiSquaredDistribution.of(k - 1).survivalProbability(stat);
    return new TestResult(stat, p);
  }

  private static double sq(double v) {
    return v * v;
  }
}
