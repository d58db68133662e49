package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.eval.EvalValue.MatrixV;
import io.pipelens.alerts.promql.eval.EvalValue.SeriesItem;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.eval.Formats;
import io.pipelens.alerts.promql.eval.KahanSum;
import io.pipelens.alerts.promql.eval.MeanAccumulator;
import io.pipelens.alerts.promql.eval.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** {@code *_over_time} functions: one value per series from all its points in the window. */
final class OverTimeFunctions {
  private OverTimeFunctions() {}

  static void register(Map<String, Function> m) {
    agg(m, "avg_over_time", p -> {
      MeanAccumulator acc = new MeanAccumulator();
      p.forEach(x -> acc.add(x.v()));
      return acc.value();
    });
    agg(m, "sum_over_time", p -> {
      KahanSum s = new KahanSum();
      p.forEach(x -> s.add(x.v()));
      return s.value();
    });
    agg(m, "count_over_time", p -> p.size());
    agg(m, "min_over_time", p -> extreme(p, false));
    agg(m, "max_over_time", p -> extreme(p, true));
    agg(m, "stddev_over_time", p -> Math.sqrt(variance(p)));
    agg(m, "stdvar_over_time", OverTimeFunctions::variance);
    agg(m, "present_over_time", p -> 1);
    agg(m, "mad_over_time", p -> {
      double[] vs = values(p);
      for (double v : vs) {
        if (Double.isNaN(v)) {
          return Double.NaN;
        }
      }
      double median = Quantiles.quantile(0.5, vs);
      double[] dev = new double[vs.length];
      for (int i = 0; i < vs.length; i++) {
        dev[i] = Math.abs(vs[i] - median);
      }
      return Quantiles.quantile(0.5, dev);
    });
    agg(m, "ts_of_max_over_time", p -> timeOfExtreme(p, true));
    agg(m, "ts_of_min_over_time", p -> timeOfExtreme(p, false));
    agg(m, "ts_of_last_over_time", p -> p.get(p.size() - 1).t() / 1000.0);
    agg(m, "ts_of_first_over_time", p -> p.get(0).t() / 1000.0);
    m.put("last_over_time", a -> keepName(a, a.matrix(0), true));
    m.put("first_over_time", a -> keepName(a, a.matrix(0), false));
    m.put("quantile_over_time", a -> {
      double q = a.scalar(0);
      if (Double.isNaN(q) || q < 0 || q > 1) {
        a.ev().annotations().warn("quantile value should be between 0 and 1, got " + Formats.number(q) + a.at(0));
      }
      return perSeries(a, a.matrix(1), p -> Quantiles.quantile(q, values(p)));
    });
  }

  private static void agg(Map<String, Function> m, String name, ToDoubleFunction<List<Point>> f) {
    m.put(name, a -> perSeries(a, a.matrix(0), f));
  }

  private static VectorV perSeries(Args a, MatrixV mv, ToDoubleFunction<List<Point>> f) {
    List<VecItem> out = new ArrayList<>();
    for (SeriesItem s : mv.series()) {
      out.add(new VecItem(s.labels(), a.ts(), f.applyAsDouble(s.points()), true));
    }
    return new VectorV(out);
  }

  private static VectorV keepName(Args a, MatrixV mv, boolean last) {
    List<VecItem> out = new ArrayList<>();
    for (SeriesItem s : mv.series()) {
      Point p = last ? s.points().get(s.points().size() - 1) : s.points().get(0);
      out.add(new VecItem(s.labels(), a.ts(), p.v(), s.dropName()));
    }
    return new VectorV(out);
  }

  static double[] values(List<Point> p) {
    double[] v = new double[p.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = p.get(i).v();
    }
    return v;
  }

  private static double extreme(List<Point> pts, boolean max) {
    double r = pts.get(0).v();
    for (Point p : pts) {
      if (Double.isNaN(r) || (max ? p.v() > r : p.v() < r)) {
        r = p.v();
      }
    }
    return r;
  }

  private static double timeOfExtreme(List<Point> pts, boolean max) {
    double r = pts.get(0).v();
    long t = pts.get(0).t();
    for (Point p : pts) {
      if (Double.isNaN(r) || (max ? p.v() >= r : p.v() <= r)) {
        r = p.v();
        t = p.t();
      }
    }
    return t / 1000.0;
  }

  private static double variance(List<Point> pts) {
    double count = 0;
    double mean = 0;
    double cMean = 0;
    double aux = 0;
    double cAux = 0;
    for (Point p : pts) {
      count++;
      double delta = p.v() - (mean + cMean);
      double[] m = KahanSum.inc(delta / count, mean, cMean);
      mean = m[0];
      cMean = m[1];
      double[] x = KahanSum.inc(delta * (p.v() - (mean + cMean)), aux, cAux);
      aux = x[0];
      cAux = x[1];
    }
    return (aux + cAux) / count;
  }
}
