package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.eval.KahanSum;
import java.util.List;

/** Least-squares line through points, x in seconds relative to an intercept time (Prometheus's linearRegression). */
final class Regression {
  private Regression() {}

  /** Returns {slope, intercept}. */
  static double[] fit(List<Point> pts, long interceptTime) {
    double n = 0;
    KahanSum sumX = new KahanSum();
    KahanSum sumY = new KahanSum();
    KahanSum sumXY = new KahanSum();
    KahanSum sumX2 = new KahanSum();
    double initY = pts.get(0).v();
    boolean constY = true;
    for (int i = 0; i < pts.size(); i++) {
      Point p = pts.get(i);
      if (constY && i > 0 && p.v() != initY) {
        constY = false;
      }
      n++;
      double x = (p.t() - interceptTime) / 1e3;
      sumX.add(x);
      sumY.add(p.v());
      sumXY.add(x * p.v());
      sumX2.add(x * x);
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        return new double[] {Double.NaN, Double.NaN};
      }
      return new double[] {0, initY};
    }
    double sx = sumX.value();
    double sy = sumY.value();
    double covXY = sumXY.value() - sx * sy / n;
    double varX = sumX2.value() - sx * sx / n;
    double slope = covXY / varX;
    double intercept = sy / n - slope * sx / n;
    return new double[] {slope, intercept};
  }
}
