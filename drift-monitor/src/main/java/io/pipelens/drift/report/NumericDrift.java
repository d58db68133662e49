package io.pipelens.drift.report;

import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodSelector.Selection;
import io.pipelens.drift.stats.KsTest;
import io.pipelens.drift.stats.ProbabilityDistances;
import io.pipelens.drift.stats.SturgesHistogram;
import io.pipelens.drift.stats.TestResult;
import io.pipelens.drift.stats.Wasserstein;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact numeric drift from raw values, each side sorted once. PSI, Jensen–Shannon and Hellinger
 * bin as Evidently does: Sturges equal-width bins over both samples when the reference has more
 * than {@value #MAX_VALUE_BINS} distinct values, else one bin per distinct value.
 */
public final class NumericDrift {
  /** Up to this many distinct reference values, histogram methods use one bin per value. */
  public static final int MAX_VALUE_BINS = 20;

  private NumericDrift() {}

  public static FeatureDrift compute(String feature, Selection sel, double[] sortedRef, double[] sortedCur) {
    DriftMethod m = sel.method();
    double statistic;
    Double p = null;
    switch (m) {
      case KS -> {
        TestResult t = KsTest.testSorted(sortedRef, sortedCur);
        statistic = t.statistic();
        p = t.pValue();
      }
      case WASSERSTEIN -> statistic = Wasserstein.normedSorted(sortedRef, sortedCur);
      case PSI, JENSEN_SHANNON, HELLINGER -> {
        double[][] props = proportions(sortedRef, sortedCur);
        statistic = switch (m) {
          case PSI -> ProbabilityDistances.psi(props[0], props[1]);
          case JENSEN_SHANNON -> ProbabilityDistances.jensenShannon(props[0], props[1]);
          default -> ProbabilityDistances.hellinger(props[0], props[1]);
        };
      }
      default -> throw new IllegalArgumentException(
          "method '" + m.id() + "' cannot compare numeric feature '" + feature + "'");
    }
    double score = p != null ? p : statistic;
    return new FeatureDrift(
        feature, FeatureType.NUMERIC, m, statistic, p, sel.threshold(),
        m.drifted(score, sel.threshold()), sortedRef.length, sortedCur.length, false, null, null);
  }

  /** Reference and current proportions over Evidently's bins. */
  static double[][] proportions(double[] sortedRef, double[] sortedCur) {
    if (distinct(sortedRef) > MAX_VALUE_BINS) {
      SturgesHistogram h = SturgesHistogram.ofSorted(sortedRef, sortedCur);
      return new double[][] {h.proportions(sortedRef), h.proportions(sortedCur)};
    }
    Map<Double, long[]> counts = new LinkedHashMap<>();
    // keys in ascending order: merge the two sorted arrays' distinct values
    int i = 0;
    int j = 0;
    while (i < sortedRef.length || j < sortedCur.length) {
      double v = j >= sortedCur.length || (i < sortedRef.length && sortedRef[i] <= sortedCur[j])
          ? sortedRef[i] : sortedCur[j];
      long[] c = counts.computeIfAbsent(v, k -> new long[2]);
      while (i < sortedRef.length && sortedRef[i] == v) {
        c[0]++;
        i++;
      }
      while (j < sortedCur.length && sortedCur[j] == v) {
        c[1]++;
        j++;
      }
    }
    double[] r = new double[counts.size()];
    double[] c = new double[counts.size()];
    int k = 0;
    for (long[] rc : counts.values()) {
      r[k] = (double) rc[0] / sortedRef.length;
      c[k] = (double) rc[1] / sortedCur.length;
      k++;
    }
    return new double[][] {r, c};
  }

  static int distinct(double[] sorted) {
    int d = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        d++;
      }
    }
    return d;
  }
}
