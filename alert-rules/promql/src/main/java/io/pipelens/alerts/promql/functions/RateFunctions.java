package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.eval.EvalValue.MatrixV;
import io.pipelens.alerts.promql.eval.EvalValue.SeriesItem;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.eval.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Counter and gauge change functions over range vectors, with Prometheus's extrapolation. */
final class RateFunctions {
  private RateFunctions() {}

  interface SeriesFn {
    OptionalDouble apply(List<Point> pts, MatrixV m);
  }

  static void register(Map<String, Function> m) {
    m.put("rate", a -> counterInfo(a, perSeries(a, 0, (p, mv) -> extrapolated(p, mv, true, true))));
    m.put("increase", a -> counterInfo(a, perSeries(a, 0, (p, mv) -> extrapolated(p, mv, true, false))));
    m.put("delta", a -> perSeries(a, 0, (p, mv) -> extrapolated(p, mv, false, false)));
    m.put("irate", a -> perSeries(a, 0, (p, mv) -> instant(p, true)));
    m.put("idelta", a -> perSeries(a, 0, (p, mv) -> instant(p, false)));
    m.put("deriv", a -> perSeries(a, 0, (p, mv) -> p.size() < 2 ? OptionalDouble.empty()
        : OptionalDouble.of(Regression.fit(p, p.get(0).t())[0])));
    m.put("predict_linear", a -> {
      double duration = a.scalar(1);
      return perSeries(a, 0, (p, mv) -> {
        if (p.size() < 2) {
          return OptionalDouble.empty();
        }
        double[] si = Regression.fit(p, a.ts());
        return OptionalDouble.of(si[0] * duration + si[1]);
      });
    });
    m.put("changes", a -> perSeries(a, 0, (p, mv) -> OptionalDouble.of(count(p, false))));
    m.put("resets", a -> perSeries(a, 0, (p, mv) -> OptionalDouble.of(count(p, true))));
    m.put("double_exponential_smoothing", a -> {
      double sf = a.scalar(1);
      double tf = a.scalar(2);
      if (sf <= 0 || sf >= 1) {
        throw new QueryException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + Formats.number(sf));
      }
      if (tf <= 0 || tf >= 1) {
        throw new QueryException("invalid trend factor. Expected: 0 < tf < 1, got: " + Formats.number(tf));
      }
      return perSeries(a, 0, (p, mv) -> smooth(p, sf, tf));
    });
  }

  static VectorV perSeries(Args a, int argIndex, SeriesFn fn) {
    MatrixV mv = a.matrix(argIndex);
    List<VecItem> out = new ArrayList<>();
    for (SeriesItem s : mv.series()) {
      OptionalDouble r = fn.apply(s.points(), mv);
      if (r.isPresent()) {
        out.add(new VecItem(s.labels(), a.ts(), r.getAsDouble(), true));
      }
    }
    return new VectorV(out);
  }

  private static VectorV counterInfo(Args a, VectorV result) {
    for (VecItem i : result.items()) {
      String name = i.labels().metricName();
      if (!name.isEmpty() && !(name.endsWith("_total") || name.endsWith("_sum") || name.endsWith("_count") || name.endsWith("_bucket"))) {
        a.ev().annotations().info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"" + name + "\"" + a.at(0));
      }
    }
    return result;
  }

  static OptionalDouble extrapolated(List<Point> pts, MatrixV m, boolean counter, boolean rate) {
    if (pts.size() < 2) {
      return OptionalDouble.empty();
    }
    long rangeStart = m.endMs() - m.rangeMs();
    long rangeEnd = m.endMs();
    Point first = pts.get(0);
    Point last = pts.get(pts.size() - 1);
    double result = last.v() - first.v();
    if (counter) {
      double prev = first.v();
      for (int i = 1; i < pts.size(); i++) {
        double cur = pts.get(i).v();
        if (cur < prev) {
          result += prev;
        }
        prev = cur;
      }
    }
    double durationToStart = (first.t() - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - last.t()) / 1000.0;
    double sampled = (last.t() - first.t()) / 1000.0;
    double avgBetween = sampled / (pts.size() - 1);
    double threshold = avgBetween * 1.1;
    if (durationToStart >= threshold) {
      durationToStart = avgBetween / 2;
    }
    if (counter && result > 0 && first.v() >= 0) {
      double durationToZero = sampled * (first.v() / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= threshold) {
      durationToEnd = avgBetween / 2;
    }
    double factor = (sampled + durationToStart + durationToEnd) / sampled;
    if (rate) {
      factor /= m.rangeMs() / 1000.0;
    }
    return OptionalDouble.of(result * factor);
  }

  private static OptionalDouble instant(List<Point> pts, boolean rate) {
    if (pts.size() < 2) {
      return OptionalDouble.empty();
    }
    Point last = pts.get(pts.size() - 1);
    Point prev = pts.get(pts.size() - 2);
    double result;
    if (rate && last.v() < prev.v()) {
      result = last.v();
    } else {
      result = last.v() - prev.v();
    }
    long interval = last.t() - prev.t();
    if (interval == 0) {
      return OptionalDouble.empty();
    }
    if (rate) {
      result /= interval / 1000.0;
    }
    return OptionalDouble.of(result);
  }

  private static double count(List<Point> pts, boolean resets) {
    int n = 0;
    double prev = pts.get(0).v();
    for (int i = 1; i < pts.size(); i++) {
      double cur = pts.get(i).v();
      if (resets ? cur < prev : !(cur == prev || (Double.isNaN(cur) && Double.isNaN(prev)))) {
        n++;
      }
      prev = cur;
    }
    return n;
  }

  private static OptionalDouble smooth(List<Point> pts, double sf, double tf) {
    if (pts.size() < 2) {
      return OptionalDouble.empty();
    }
    double s0 = 0;
    double s1 = pts.get(0).v();
    double b = pts.get(1).v() - pts.get(0).v();
    for (int i = 1; i < pts.size(); i++) {
      double x = sf * pts.get(i).v();
      if (i > 1) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return OptionalDouble.of(s1);
  }
}
