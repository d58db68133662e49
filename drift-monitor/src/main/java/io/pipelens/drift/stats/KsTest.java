package io.pipelens.drift.stats;

/**
 * Two-sample, two-sided Kolmogorov–Smirnov test computed the way {@code scipy.stats.ks_2samp}
 * does with {@code method='auto'}: exact p-value when both samples have at most {@value
 * #MAX_EXACT_N} values, otherwise (or if the exact computation is not representable) the
 * asymptotic p-value {@code kstwo.sf(D, round(n1*n2/(n1+n2)))}.
 *
 * <p>Ties are handled by evaluating both empirical CDFs at every distinct value (right-continuous
 * ECDFs), so equal values in both samples never inflate D. The exact p-value, like scipy's, is the
 * p-value of the no-ties null distribution.
 *
 * <p>NaN values must be removed by the caller. Thread-safe (stateless).
 */
public final class KsTest {
  /** scipy's {@code MAX_AUTO_N}: the largest sample size for which the exact path is tried. */
  public static final int MAX_EXACT_N = 10_000;

  private KsTest() {}

  /** Sorts copies of the samples and tests them. */
  public static TestResult test(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    DoubleSort.sort(x);
    DoubleSort.sort(y);
    return testSorted(x, y);
  }

  /** Tests two samples that are already sorted ascending (no NaN). */
  public static TestResult testSorted(double[] x, double[] y) {
    requireNonEmpty(x, y);
    double d = statisticSorted(x, y);
    return new TestResult(roundedStatistic(d, x.length, y.length), pValue(d, x.length, y.length));
  }

  /** The KS statistic D = sup |F1 - F2| of two sorted samples, by one merge walk. */
  public static double statisticSorted(double[] x, double[] y) {
    requireNonEmpty(x, y);
    int n1 = x.length;
    int n2 = y.length;
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < n1 && j < n2) {
      double v = Math.min(x[i], y[j]);
      while (i < n1 && x[i] <= v) {
        i++;
      }
      while (j < n2 && y[j] <= v) {
        j++;
      }
      double diff = Math.abs((double) i / n1 - (double) j / n2);
      if (diff > d) {
        d = diff;
      }
    }
    // once one sample is exhausted the other's ECDF only grows towards 1: the gap shrinks.
    return d;
  }

  /**
   * The p-value for statistic {@code d} with sample sizes n1, n2 (scipy 'auto' semantics). D is
   * first rounded to the lattice h/lcm(n1, n2) of attainable values, as scipy does.
   */
  public static double pValue(double d, int n1, int n2) {
    if (n1 <= 0 || n2 <= 0) {
      throw new IllegalArgumentException("sample sizes must be positive, got " + n1 + " and " + n2);
    }
    if (Math.max(n1, n2) <= MAX_EXACT_N) {
      long g = gcd(n1, n2);
      long lcm = (n1 / g) * (long) n2;
      long h = (long) Math.rint(d * lcm);
      double rounded = (double) h / lcm;
      if (h == 0) {
        return 1.0;
      }
      double en = (double) n1 * n2 / ((double) n1 + n2);
      if (en * rounded * rounded >= 400) {
        // P <= 2 exp(-2 en D^2) < 1e-340: below the smallest double, so scipy's exact value is 0
        // too; skips an O(n * band) lattice walk that would only confirm it.
        return 0.0;
      }
      double p =
          n1 == n2
              ? KsExactPValue.outsideSquare(n1, h)
              : KsExactPValue.outsideBand(n1, n2, g, h);
      if (p >= 0 && p <= 1) {
        return p;
      }
      return clip(KsAsymptoticPValue.sf(rounded, n1, n2));
    }
    return clip(KsAsymptoticPValue.sf(d, n1, n2));
  }

  static double roundedStatistic(double d, int n1, int n2) {
    if (Math.max(n1, n2) > MAX_EXACT_N) {
      return d;
    }
    long g = gcd(n1, n2);
    long lcm = (n1 / g) * (long) n2;
    return Math.rint(d * lcm) / lcm;
  }

  private static double clip(double p) {
    return Math.max(0.0, Math.min(1.0, p));
  }

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static void requireNonEmpty(double[] x, double[] y) {
    if (x.length == 0 || y.length == 0) {
      throw new IllegalArgumentException(
          "KS test needs two non-empty samples, got sizes " + x.length + " and " + y.length);
    }
  }
}
