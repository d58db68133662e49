package io.pipelens.drift.stats;

/**
 * Wasserstein-1 (earth mover's) distance between two empirical distributions, W1 = integral of
 * |F1(x) - F2(x)| dx, as {@code scipy.stats.wasserstein_distance(u, v)} computes it, and the
 * normed variant Evidently uses for drift: W1 / max(std(reference), 0.001) with the population
 * standard deviation (ddof = 0).
 */
public final class Wasserstein {
  /** Evidently's floor for the reference standard deviation. */
  public static final double MIN_NORM = 0.001;

  private Wasserstein() {}

  /** W1 of two samples sorted ascending (no NaN), by one merge walk. */
  public static double distanceSorted(double[] x, double[] y) {
    if (x.length == 0 || y.length == 0) {
      throw new IllegalArgumentException(
          "Wasserstein distance needs two non-empty samples, got sizes "
              + x.length + " and " + y.length);
    }
    int n1 = x.length;
    int n2 = y.length;
    int i = 0;
    int j = 0;
    double sum = 0;
    double v = Math.min(x[0], y[0]);
    while (i < n1 || j < n2) {
      while (i < n1 && x[i] <= v) {
        i++;
      }
      while (j < n2 && y[j] <= v) {
        j++;
      }
      double next;
      if (i < n1 && j < n2) {
        next = Math.min(x[i], y[j]);
      } else if (i < n1) {
        next = x[i];
      } else if (j < n2) {
        next = y[j];
      } else {
        break;
      }
      sum += Math.abs((double) i / n1 - (double) j / n2) * (next - v);
      v = next;
    }
    return sum;
  }

  /** W1 divided by max(population std of the reference, {@link #MIN_NORM}). */
  public static double normedSorted(double[] reference, double[] current) {
    return distanceSorted(reference, current) / Math.max(populationStd(reference), MIN_NORM);
  }

  /** Population standard deviation (ddof = 0), two-pass for accuracy. */
  public static double populationStd(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double ss = 0;
    for (double v : values) {
      double d = v - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / values.length);
  }
}
