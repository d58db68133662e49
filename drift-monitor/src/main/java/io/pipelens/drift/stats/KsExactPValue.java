package io.pipelens.drift.stats;

import java.util.Arrays;

/**
 * Exact two-sided p-values of the two-sample KS statistic, P(D >= h/lcm(m, n)), under the
 * no-ties null. Counts monotone lattice paths from (0,0) to (m,n) after Hodges (1958); for m != n
 * the recursion carries 1 - p directly (Viehmann 2021, arXiv:2102.08037), as scipy does since
 * 1.5, which keeps small p-values accurate.
 */
final class KsExactPValue {
  private KsExactPValue() {}

  /** Equal sizes n: alternating series of ratios of binomials, evaluated Horner-style. */
  static double outsideSquare(int n, long h) {
    double p = 0.0;
    long k = n / h;
    while (k >= 0) {
      double term = 1.0;
      for (long j = 0; j < h; j++) {
        term = (n - k * h - j) * term / (n + k * h + j + 1);
      }
      p = term * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * Unequal sizes: proportion of paths that leave the band |x/m - y/n| < h/lcm. Only a sliding
   * window of one column of the path-count matrix is kept; entries hold "probability of having
   * left the band", so cells outside the band are 1.
   */
  static double outsideBand(int m0, int n0, long g, long h) {
    int m = Math.max(m0, n0);
    int n = Math.min(m0, n0);
    long mg = m / g;
    long ng = n / g;
    int minj = 0;
    int maxj = (int) Math.min(ceilDiv(h, mg), n + 1L);
    int curlen = maxj - minj;
    double[] col = new double[n + 2];
    Arrays.fill(col, 1.0);
    Arrays.fill(col, 0, maxj, 0.0);
    for (int i = 1; i <= m; i++) {
      int lastMinj = minj;
      int lastLen = curlen;
      minj = (int) Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
      maxj = (int) Math.min(ceilDiv(ng * i + h, mg), n + 1L);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (int jj = 0; jj < maxj - minj; jj++) {
        int j = jj + minj;
        val = (col[jj + minj - lastMinj] * i + val * j) / (i + j);
        col[jj] = val;
      }
      curlen = maxj - minj;
      if (lastLen > curlen) {
        Arrays.fill(col, curlen, Math.min(lastLen, col.length), 1.0);
      }
    }
    return col[maxj - minj - 1];
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
