package io.pipelens.alerts.promql.eval;

/** Neumaier-compensated summation exactly as Prometheus's kahanSumInc. */
public final class KahanSum {
  private double sum;
  private double c;

  public void add(double inc) {
    double t = sum + inc;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      c += (sum - t) + inc;
    } else {
      c += (inc - t) + sum;
    }
    sum = t;
  }

  public double value() {
    return sum + c;
  }

  /** Returns {sum, c} after adding inc to (sum, c) without an object. */
  public static double[] inc(double inc, double sum, double c) {
    double t = sum + inc;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      c += (sum - t) + inc;
    } else {
      c += (inc - t) + sum;
    }
    return new double[] {t, c};
  }
}
