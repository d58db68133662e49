package io.pipelens.drift.window;

import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodSelector.Selection;
import io.pipelens.drift.reference.NumericProfile;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.stats.KsTest;
import io.pipelens.drift.stats.ProbabilityDistances;
import io.pipelens.drift.stats.Wasserstein;

/**
 * Numeric drift from bin counts, for windows (or references) too large to keep raw.
 *
 * <ul>
 *   <li>KS: D is the largest ECDF gap over the reference's bin edges, where both ECDFs are known
 *       exactly. It can only under-estimate the exact D (never reports binning error as drift);
 *       with 2000 equal-mass bins the reference ECDF moves by at most 1/2000 between edges.
 *   <li>Wasserstein: both CDFs linear inside each bin, tails exact from the under/over areas;
 *       |approximate - exact| &lt;= sum of width_i * (p_i + q_i) over bins, reported as
 *       errorBound (in units of the reference std, like the statistic).
 *   <li>PSI, Jensen–Shannon, Hellinger: the fine bins merged into {@value #COARSE_BINS} bins of
 *       about equal reference mass, plus the below-minimum and above-maximum bins.
 * </ul>
 */
final class BinnedNumericDrift {
  static final int COARSE_BINS = 20;

  private BinnedNumericDrift() {}

  static FeatureDrift compute(String feature, Selection sel, NumericProfile ref, NumericWindow win) {
    DriftMethod m = sel.method();
    long nr = ref.count();
    long nc = win.count();
    long[] rb = ref.binCounts();
    long[] wb = win.bins();
    double[] e = ref.edges();
    double statistic;
    Double p = null;
    Double bound = null;
    switch (m) {
      case KS -> {
        double fr = (double) ref.atMin();
        double fw = (double) win.under();
        double d = Math.abs(fr / nr - fw / nc);
        for (int i = 0; i < rb.length; i++) {
          fr += rb[i];
          fw += wb[i];
          d = Math.max(d, Math.abs(fr / nr - fw / nc));
        }
        statistic = d;
        p = KsTest.pValue(d, (int) Math.min(nr, Integer.MAX_VALUE), (int) Math.min(nc, Integer.MAX_VALUE));
      }
      case WASSERSTEIN -> {
        double norm = Math.max(ref.std(), Wasserstein.MIN_NORM);
        double area = win.underArea() / nc + win.overArea() / nc;
        double err = 0;
        double f0 = (double) ref.atMin() / nr;
        double g0 = (double) win.under() / nc;
        long cr = ref.atMin();
        long cw = win.under();
        for (int i = 0; i < rb.length; i++) {
          cr += rb[i];
          cw += wb[i];
          double f1 = (double) cr / nr;
          double g1 = (double) cw / nc;
          double w = e[i + 1] - e[i];
          area += w * absLinearIntegral(f0 - g0, f1 - g1);
          err += w * ((f1 - f0) + (g1 - g0));
          f0 = f1;
          g0 = g1;
        }
        statistic = area / norm;
        bound = err / norm;
      }
      case PSI, JENSEN_SHANNON, HELLINGER -> {
        double[][] props = coarse(ref, win);
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
    return new FeatureDrift(feature, FeatureType.NUMERIC, m, statistic, p, sel.threshold(),
        m.drifted(score, sel.threshold()), nr, nc, true, bound, null);
  }

  /** Integral over [0, 1] of |a + (b - a) t| dt. */
  static double absLinearIntegral(double a, double b) {
    if (a * b >= 0) {
      return (Math.abs(a) + Math.abs(b)) / 2;
    }
    return (a * a + b * b) / (2 * (Math.abs(a) + Math.abs(b)));
  }

  /** Proportions over: [<= min], COARSE_BINS groups of fine bins, [> max]. */
  static double[][] coarse(NumericProfile ref, NumericWindow win) {
    long[] rb = ref.binCounts();
    long[] wb = win.bins();
    int groups = Math.min(COARSE_BINS, Math.max(rb.length, 1));
    double[] r = new double[groups + 2];
    double[] c = new double[groups + 2];
    r[0] = ref.atMin();
    c[0] = win.under();
    long inner = ref.count() - ref.atMin();
    long cum = 0;
    for (int i = 0; i < rb.length; i++) {
      int g = inner == 0 ? 0 : (int) Math.min(groups - 1, (cum * groups) / inner);
      r[1 + g] += rb[i];
      c[1 + g] += wb[i];
      cum += rb[i];
    }
    c[groups + 1] = win.over();
    for (int i = 0; i < r.length; i++) {
      r[i] /= ref.count();
      c[i] /= win.count();
    }
    return new double[][] {r, c};
  }
}
