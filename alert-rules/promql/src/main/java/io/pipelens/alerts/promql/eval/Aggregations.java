package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.ast.AggregateExpr;
import io.pipelens.alerts.promql.ast.AggregateOp;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.StringV;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.parse.StringLiterals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Aggregation operators. Groups keep the order in which they first appear in the input. */
final class Aggregations {
  private Aggregations() {}

  static EvalValue eval(Evaluator ev, AggregateExpr a, long ts) {
    EvalValue paramValue = a.param() == null ? null : ev.eval(a.param(), ts);
    List<VecItem> input = ((VectorV) ev.eval(a.expr(), ts)).items();
    AggregateOp op = a.op();
    switch (op) {
      case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> {
        return Selections.eval(ev, a, ((ScalarV) paramValue).v(), input, ts);
      }
      case COUNT_VALUES -> {
        return countValues(a, ((StringV) paramValue).s(), input, ts);
      }
      default -> {}
    }
    double q = Double.NaN;
    if (op == AggregateOp.QUANTILE) {
      q = ((ScalarV) paramValue).v();
      if (Double.isNaN(q) || q < 0 || q > 1) {
        ev.annotations().warn("quantile value should be between 0 and 1, got " + Formats.number(q) + " (" + a.paramPosition() + ")");
      }
    }
    Map<Labels, List<Double>> groups = new LinkedHashMap<>();
    Map<Labels, Boolean> dropName = new HashMap<>();
    for (VecItem i : input) {
      Labels key = groupKey(a, i);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i.v());
      dropName.merge(key, i.dropName() && key.has(Labels.METRIC_NAME), Boolean::logicalOr);
    }
    List<VecItem> out = new ArrayList<>();
    for (Map.Entry<Labels, List<Double>> g : groups.entrySet()) {
      out.add(new VecItem(g.getKey(), ts, reduce(op, q, g.getValue()), dropName.get(g.getKey())));
    }
    return new VectorV(out);
  }

  /**
   * Grouping uses the labels as they are, including a metric name that is only marked for removal
   * (Prometheus's delayed name removal); the mark then carries over to the group.
   */
  static Labels groupKey(AggregateExpr a, VecItem i) {
    Labels l = i.labels();
    return a.without() ? l.drop(a.grouping()).withoutMetricName() : l.keep(a.grouping());
  }

  private static double reduce(AggregateOp op, double q, List<Double> vs) {
    switch (op) {
      case SUM -> {
        KahanSum s = new KahanSum();
        vs.forEach(s::add);
        return s.value();
      }
      case AVG -> {
        MeanAccumulator m = new MeanAccumulator();
        vs.forEach(m::add);
        return m.value();
      }
      case COUNT -> {
        return vs.size();
      }
      case GROUP -> {
        return 1;
      }
      case MIN, MAX -> {
        double r = vs.get(0);
        for (double v : vs) {
          if (Double.isNaN(r) || (op == AggregateOp.MAX ? r < v : r > v)) {
            r = v;
          }
        }
        return r;
      }
      case STDDEV, STDVAR -> {
        double count = 0;
        double mean = 0;
        double cMean = 0;
        double aux = 0;
        double cAux = 0;
        for (double f : vs) {
          count++;
          double delta = f - (mean + cMean);
          double[] m = KahanSum.inc(delta / count, mean, cMean);
          mean = m[0];
          cMean = m[1];
          double[] x = KahanSum.inc(delta * (f - (mean + cMean)), aux, cAux);
          aux = x[0];
          cAux = x[1];
        }
        double var = (aux + cAux) / count;
        return op == AggregateOp.STDDEV ? Math.sqrt(var) : var;
      }
      case QUANTILE -> {
        return Quantiles.quantile(q, vs.stream().mapToDouble(Double::doubleValue).toArray());
      }
      default -> throw new IllegalStateException("unhandled aggregation " + op);
    }
  }

  private static VectorV countValues(AggregateExpr a, String label, List<VecItem> input, long ts) {
    if (label.isEmpty() || !StringLiterals.isValidUtf8(label)) {
      throw new QueryException("invalid label name " + StringLiterals.quote(label));
    }
    Map<Labels, Integer> counts = new LinkedHashMap<>();
    Map<Labels, Boolean> names = new HashMap<>();
    for (VecItem i : input) {
      Labels key = groupKey(a, i).with(label, Formats.number(i.v()));
      counts.merge(key, 1, Integer::sum);
      names.merge(key, i.dropName() && key.has(Labels.METRIC_NAME), Boolean::logicalOr);
    }
    List<VecItem> out = new ArrayList<>();
    counts.forEach((l, c) -> out.add(new VecItem(l, ts, c, names.get(l))));
    return new VectorV(out);
  }
}
