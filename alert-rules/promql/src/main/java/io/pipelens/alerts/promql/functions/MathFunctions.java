package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** Element-wise math on instant vectors; all drop the metric name. */
final class MathFunctions {
  private MathFunctions() {}

  static void register(Map<String, Function> m) {
    simple(m, "abs", Math::abs);
    simple(m, "ceil", Math::ceil);
    simple(m, "floor", Math::floor);
    simple(m, "exp", Math::exp);
    simple(m, "sqrt", Math::sqrt);
    simple(m, "ln", Math::log);
    simple(m, "log2", MathFunctions::log2);
    simple(m, "log10", Math::log10);
    simple(m, "sgn", v -> Double.isNaN(v) ? v : Math.signum(v));
    simple(m, "deg", v -> v * 180 / Math.PI);
    simple(m, "rad", v -> v * Math.PI / 180);
    simple(m, "sin", Math::sin);
    simple(m, "cos", Math::cos);
    simple(m, "tan", Math::tan);
    simple(m, "asin", Math::asin);
    simple(m, "acos", Math::acos);
    simple(m, "atan", Math::atan);
    simple(m, "sinh", Math::sinh);
    simple(m, "cosh", Math::cosh);
    simple(m, "tanh", Math::tanh);
    simple(m, "asinh", MathFunctions::asinh);
    simple(m, "acosh", v -> v < 1 ? Double.NaN : Math.log(v + Math.sqrt(v * v - 1)));
    simple(m, "atanh", v -> Math.abs(v) > 1 ? Double.NaN : 0.5 * Math.log1p(2 * v / (1 - v)));
    m.put("clamp", a -> {
      double min = a.scalar(1);
      double max = a.scalar(2);
      if (max < min) {
        return new VectorV(List.of());
      }
      return map(a, v -> goMax(min, goMin(max, v)));
    });
    m.put("clamp_min", a -> {
      double min = a.scalar(1);
      return map(a, v -> goMax(min, v));
    });
    m.put("clamp_max", a -> {
      double max = a.scalar(1);
      return map(a, v -> goMin(max, v));
    });
    m.put("round", a -> {
      double nearest = a.size() > 1 ? a.scalar(1) : 1;
      double inverse = 1.0 / nearest;
      return map(a, v -> Math.floor(v * inverse + 0.5) / inverse);
    });
  }

  private static void simple(Map<String, Function> m, String name, DoubleUnaryOperator f) {
    m.put(name, a -> map(a, f));
  }

  static VectorV map(Args a, DoubleUnaryOperator f) {
    List<VecItem> out = new ArrayList<>();
    for (VecItem i : a.vector(0)) {
      out.add(new VecItem(i.labels(), a.ts(), f.applyAsDouble(i.v()), true));
    }
    return new VectorV(out);
  }

  /** Go's math.Log2: exact for powers of two. */
  static double log2(double x) {
    if (x > 0 && !Double.isInfinite(x)) {
      int e = Math.getExponent(x);
      if (e >= Double.MIN_EXPONENT && x == Math.scalb(1.0, e)) {
        return e;
      }
    }
    return Math.log(x) / Math.log(2);
  }

  static double asinh(double x) {
    if (Double.isInfinite(x) || Double.isNaN(x) || x == 0) {
      return x;
    }
    double a = Math.abs(x);
    double r = Math.log(a + Math.sqrt(a * a + 1));
    return x < 0 ? -r : r;
  }

  /** Go's math.Max: NaN wins over everything but +Inf handling follows IEEE. */
  static double goMax(double a, double b) {
    if (Double.isInfinite(a) && a > 0 || Double.isInfinite(b) && b > 0) {
      return Double.POSITIVE_INFINITY;
    }
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    return Math.max(a, b);
  }

  static double goMin(double a, double b) {
    if (Double.isInfinite(a) && a < 0 || Double.isInfinite(b) && b < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    return Math.min(a, b);
  }
}
