package io.pipelens.drift.stats;

/**
 * Distances between two discrete distributions given as proportions over the same bins or
 * categories. Natural logarithms throughout (scipy's and Evidently's default base e).
 */
public final class ProbabilityDistances {
  private ProbabilityDistances() {}

  /**
   * Population Stability Index, sum (r_i - c_i) * ln(r_i / c_i), after {@link #fillZeroes}
   * replaced empty bins on each side (otherwise PSI is infinite for a bin seen on one side only).
   */
  public static double psi(double[] reference, double[] current) {
    requireSameLength(reference, current);
    double[] r = fillZeroes(reference);
    double[] c = fillZeroes(current);
    double sum = 0;
    for (int i = 0; i < r.length; i++) {
      sum += (r[i] - c[i]) * Math.log(r[i] / c[i]);
    }
    return sum;
  }

  /**
   * Evidently's epsilon rule: every zero proportion becomes min_nonzero / 1e6 if the smallest
   * non-zero proportion is at most 1e-4, else 1e-4. Proportions are not renormalised (as in
   * Evidently). An all-zero vector is returned unchanged.
   */
  public static double[] fillZeroes(double[] p) {
    double min = Double.POSITIVE_INFINITY;
    for (double v : p) {
      if (v != 0 && v < min) {
        min = v;
      }
    }
    if (min == Double.POSITIVE_INFINITY) {
      return p.clone();
    }
    double eps = min <= 1e-4 ? min / 1e6 : 1e-4;
    double[] out = p.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        out[i] = eps;
      }
    }
    return out;
  }

  /**
   * Jensen–Shannon distance, sqrt(JS divergence), natural log: in [0, sqrt(ln 2)]. Both vectors
   * are normalised to sum 1 first, as {@code scipy.spatial.distance.jensenshannon} does.
   */
  public static double jensenShannon(double[] p0, double[] q0) {
    requireSameLength(p0, q0);
    double[] p = normalise(p0);
    double[] q = normalise(q0);
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      js += relEntr(p[i], m) + relEntr(q[i], m);
    }
    return Math.sqrt(Math.max(js, 0) / 2);
  }

  /** Hellinger distance, sqrt(sum (sqrt p_i - sqrt q_i)^2) / sqrt 2, in [0, 1]. */
  public static double hellinger(double[] p0, double[] q0) {
    requireSameLength(p0, q0);
    double[] p = normalise(p0);
    double[] q = normalise(q0);
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
      sum += d * d;
    }
    return Math.sqrt(sum) / Math.sqrt(2);
  }

  private static double relEntr(double x, double y) {
    if (x > 0 && y > 0) {
      return x * Math.log(x / y);
    }
    return x == 0 && y >= 0 ? 0 : Double.POSITIVE_INFINITY;
  }

  private static double[] normalise(double[] p) {
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("distribution has no mass");
    }
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i] / sum;
    }
    return out;
  }

  private static void requireSameLength(double[] a, double[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException(
          "distributions need the same non-zero number of bins, got " + a.length + " and " + b.length);
    }
  }
}
