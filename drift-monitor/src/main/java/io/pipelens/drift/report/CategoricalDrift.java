package io.pipelens.drift.report;

import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodSelector.Selection;
import io.pipelens.drift.stats.ChiSquareTest;
import io.pipelens.drift.stats.ProbabilityDistances;
import io.pipelens.drift.stats.ProportionZTest;
import io.pipelens.drift.stats.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Categorical drift from category counts (exact whatever the data volume: counts are
 * sufficient statistics). Categories are the union of both sides' non-missing values.
 */
public final class CategoricalDrift {
  private CategoricalDrift() {}

  public static FeatureDrift compute(
      String feature, Selection sel, Map<String, Long> reference, Map<String, Long> current) {
    Set<String> keys = new LinkedHashSet<>(reference.keySet());
    keys.addAll(current.keySet());
    List<String> order = new ArrayList<>(keys);
    order.sort(null);
    long[] r = new long[order.size()];
    long[] c = new long[order.size()];
    long nr = 0;
    long nc = 0;
    for (int i = 0; i < order.size(); i++) {
      r[i] = reference.getOrDefault(order.get(i), 0L);
      c[i] = current.getOrDefault(order.get(i), 0L);
      nr += r[i];
      nc += c[i];
    }
    DriftMethod m = sel.method();
    double statistic;
    Double p = null;
    switch (m) {
      case CHI_SQUARE -> {
        TestResult t = ChiSquareTest.homogeneity(r, c);
        statistic = t.statistic();
        p = t.pValue();
      }
      case Z_TEST -> {
        if (order.size() > 2) {
          throw new IllegalArgumentException(
              "z-test needs a binary feature; '" + feature + "' has " + order.size() + " categories");
        }
        // share of the first category in sorted order (Evidently's target category)
        TestResult t = ProportionZTest.test(r[0], nr, c[0], nc);
        statistic = t.statistic();
        p = t.pValue();
      }
      case PSI -> statistic = ProbabilityDistances.psi(share(r, nr), share(c, nc));
      case JENSEN_SHANNON -> statistic = ProbabilityDistances.jensenShannon(share(r, nr), share(c, nc));
      case HELLINGER -> statistic = ProbabilityDistances.hellinger(share(r, nr), share(c, nc));
      default -> throw new IllegalArgumentException(
          "method '" + m.id() + "' cannot compare categorical feature '" + feature + "'");
    }
    double score = p != null ? p : statistic;
    return new FeatureDrift(
        feature, FeatureType.CATEGORICAL, m, statistic, p, sel.threshold(),
        m.drifted(score, sel.threshold()), nr, nc, false, null, null);
  }

  static double[] share(long[] counts, long n) {
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (double) counts[i] / n;
    }
    return out;
  }
}
