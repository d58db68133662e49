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

  private KsAsymptoticPValue() {}

  static double sf(double d, int n1, int n2) {
    try {
      return (double) APPROXIMATE_P.invokeExact(d, n1, n2, true);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("KS asymptotic p-value failed", e);
    }
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
