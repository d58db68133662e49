package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.eval.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Histogram functions over classic histograms ({@code _bucket} series with an {@code le} label).
 * Native histograms are not supported: the functions that only apply to them (histogram_count,
 * histogram_sum, ...) ignore float samples and return nothing, as Prometheus does.
 */
final class HistogramFunctions {
  private HistogramFunctions() {}

  static void register(Map<String, Function> m) {
    m.put("histogram_quantile", a -> {
      double q = a.scalar(0);
      warnQuantile(a, q);
      List<VecItem> out = new ArrayList<>();
      groups(a, a.vector(1)).forEach((labels, buckets) -> out.add(new VecItem(labels, a.ts(), quantile(a, q, labels, buckets), true)));
      return new VectorV(out);
    });
    m.put("histogram_quantiles", a -> {
      String label = a.string(1);
      List<Double> qs = new ArrayList<>();
      for (int i = 2; i < a.size(); i++) {
        double q = a.scalar(i);
        warnQuantile(a, q);
        qs.add(q);
      }
      Map<Labels, List<ClassicBuckets.Bucket>> groups = groups(a, a.vector(0));
      List<VecItem> out = new ArrayList<>();
      for (double q : qs) {
        groups.forEach((labels, buckets) ->
            out.add(new VecItem(labels.with(label, quantileLabel(q)), a.ts(), quantile(a, q, labels, buckets), true)));
      }
      return new VectorV(out);
    });
    m.put("histogram_fraction", a -> {
      double lower = a.scalar(0);
      double upper = a.scalar(1);
      List<VecItem> out = new ArrayList<>();
      groups(a, a.vector(2)).forEach((labels, buckets) ->
          out.add(new VecItem(labels, a.ts(), ClassicBuckets.fraction(lower, upper, buckets), true)));
      return new VectorV(out);
    });
    for (String f : List.of("histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar")) {
      m.put(f, a -> {
        a.vector(0);
        return new VectorV(List.of());
      });
    }
  }

  private static double quantile(Args a, double q, Labels labels, List<ClassicBuckets.Bucket> buckets) {
    ClassicBuckets.Result r = ClassicBuckets.quantile(q, buckets);
    if (r.forcedMonotonic()) {
      a.ev().annotations().info("input to histogram_quantile needed to be fixed for monotonicity (see "
          + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \""
          + labels.metricName() + "\"" + a.at(vectorArg(a)));
    }
    return r.value();
  }

  private static int vectorArg(Args a) {
    return switch (a.name()) {
      case "histogram_quantile" -> 1;
      case "histogram_fraction" -> 2;
      default -> 0;
    };
  }

  private static void warnQuantile(Args a, double q) {
    if (Double.isNaN(q) || q < 0 || q > 1) {
      a.ev().annotations().warn("quantile value should be between 0 and 1, got " + Formats.number(q) + a.at(a.name().equals("histogram_quantile") ? 0 : 2));
    }
  }

  /** Formats like Prometheus's quantile label values: always with a decimal point ("0.0", "0.25"). */
  static String quantileLabel(double q) {
    String s = Formats.number(q);
    return s.matches("-?\\d+") ? s + ".0" : s;
  }

  private static Map<Labels, List<ClassicBuckets.Bucket>> groups(Args a, List<VecItem> items) {
    Map<Labels, List<ClassicBuckets.Bucket>> groups = new LinkedHashMap<>();
    for (VecItem i : items) {
      String le = i.labels().get("le");
      double bound;
      try {
        bound = parseBound(le);
      } catch (NumberFormatException e) {
        a.ev().annotations().warn("bucket label \"le\" is missing or has a malformed value of \"" + le
            + "\" for metric name \"" + i.labels().metricName() + "\"" + a.at(vectorArg(a)));
        continue;
      }
      Labels key = i.labels().without("le"); // name dropped at the end, so equal label sets of two histograms collide
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new ClassicBuckets.Bucket(bound, i.v()));
    }
    return groups;
  }

  static double parseBound(String le) {
    String s = le.trim();
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "+inf", "inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan" -> {
        return Double.NaN;
      }
      default -> {
        if (s.isEmpty() || !s.equals(le) || s.endsWith("d") || s.endsWith("f") || s.endsWith("D") || s.endsWith("F")) {
          throw new NumberFormatException(le);
        }
        return Double.parseDouble(s);
      }
    }
  }
}
