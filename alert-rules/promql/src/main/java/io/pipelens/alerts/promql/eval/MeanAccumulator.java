package io.pipelens.alerts.promql.eval;

/**
 * Mean as Prometheus computes avg and avg_over_time: a compensated direct sum while it stays
 * finite, switching to an incremental mean once the sum would overflow.
 */
public final class MeanAccumulator {
  private double sum;
  private double c;
  private double mean;
  private double count;
  private boolean incremental;

  public void add(double f) {
    count++;
    if (count == 1) {
      sum = f;
      mean = f;
      return;
    }
    if (!incremental) {
      double[] r = KahanSum.inc(f, sum, c);
      if (!Double.isInfinite(r[0])) {
        sum = r[0];
        c = r[1];
        return;
      }
      incremental = true;
      mean = sum / (count - 1);
      c /= count - 1;
    }
    if (Double.isInfinite(mean)) {
      if (Double.isInfinite(f) && (mean > 0) == (f > 0)) {
        return;
      }
      if (!Double.isInfinite(f) && !Double.isNaN(f)) {
        return;
      }
    }
    double current = mean + c;
    double[] r = KahanSum.inc(f / count - current / count, mean, c);
    mean = r[0];
    c = r[1];
  }

  public double value() {
    return incremental ? mean + c : (sum + c) / count;
  }
}
