package io.pipelens.drift.stats;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Large-sample two-sided KS p-value: the one-sample Kolmogorov distribution's survival function
 * at D with effective size round(n1*n2/(n1+n2)) — scipy's {@code kstwo.sf(d, round(en))}.
 *
 * <p>Apache Commons Statistics 1.1 implements exactly this (Simard and L'Ecuyer's algorithm) in
 * {@code KolmogorovSmirnovTest.twoSampleApproximateP}, but only exposes it through {@code
 * test(x, y)}, which would copy and re-sort both samples and cannot take a statistic computed
 * from binned counts. We call the package-private method by reflection (the jar is on the class
 * path, so this is allowed); the version is pinned and the scipy oracle test fails loudly if a
 * new version changes it.
 */
final class KsAsymptoticPValue {
  private static final MethodHandle APPROXIMATE_P = lookup();
  /** Above this effective size the smirnov branch is computed here (Simard-L'Ecuyer's cut). */
  private static final double LARGE_N = 100_000;

  private KsAsymptoticPValue() {}

  static double sf(double d, int n1, int n2) {
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = Math.rint(m * n / (m + n));
    double nx2 = en * d * d;
    if (en > LARGE_N && nx2 >= 2.2 && d < 0.5) {
      // Simard-L'Ecuyer (and scipy) use 2 * smirnov(n, d) here; Commons Statistics evaluates it
      // with extended precision, which costs seconds at n = 500,000. Same formula in doubles.
      return nx2 >= 370 ? 0.0 : Math.min(1.0, 2 * smirnovSf((long) en, d));
    }
    try {
      return (double) APPROXIMATE_P.invokeExact(d, n1, n2, true);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("KS asymptotic p-value failed", e);
    }
  }

  /**
   * One-sided P(D+_n >= x) by the Birnbaum–Tingey sum
   * x * sum_j C(n,j) (1 - x - j/n)^(n-j) (x + j/n)^(j-1), j = 0..floor(n(1-x)), in log space;
   * stops once terms past the peak fall below 1e-20 of the sum.
   */
  static double smirnovSf(long n, double x) {
    long last = (long) Math.floor(n * (1 - x));
    double logC = 0; // ln C(n, j)
    double sum = 0;
    double peak = 0;
    for (long j = 0; j <= last; j++) {
      if (j > 0) {
        logC += Math.log((double) (n - j + 1) / j);
      }
      double a = 1 - x - (double) j / n;
      double b = x + (double) j / n;
      if (a <= 0) {
        break;
      }
      double term = Math.exp(logC + (n - j) * Math.log(a) + (j - 1) * Math.log(b));
      sum += term;
      peak = Math.max(peak, term);
      if (term < peak && term < 1e-20 * sum) {
        break;
      }
    }
    return x * sum;
  }

  private static MethodHandle lookup() {
    try {
      var method =
          KolmogorovSmirnovTest.class.getDeclaredMethod(
              "twoSampleApproximateP", double.class, int.class, int.class, boolean.class);
      method.setAccessible(true);
      return MethodHandles.lookup()
          .unreflect(method)
          .asType(MethodType.methodType(double.class, double.class, int.class, int.class, boolean.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(
          "commons-statistics-inference 1.1 expected (KolmogorovSmirnovTest.twoSampleApproximateP): "
              + e);
    }
  }
}
