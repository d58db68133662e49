package io.pipelens.alerts.promql.eval;

import java.util.Arrays;

/** Prometheus's quantile over a set of values (linear interpolation, NaN sorted first). */
public final class Quantiles {
  private Quantiles() {}

  public static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] v = values.clone();
    Arrays.sort(v); // Java sorts NaN last; Prometheus sorts it first
    int nans = 0;
    for (double d : v) {
      if (Double.isNaN(d)) {
        nans++;
      }
    }
    if (nans > 0) {
      double[] w = new double[v.length];
      Arrays.fill(w, 0, nans, Double.NaN);
      System.arraycopy(v, 0, w, nans, v.length - nans);
      v = w;
    }
    double n = v.length;
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return v[(int) lower] * (1 - weight) + v[(int) upper] * weight;
  }
}
