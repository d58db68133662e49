package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.ast.AggregateExpr;
import io.pipelens.alerts.promql.ast.AggregateOp;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** topk, bottomk, limitk and limit_ratio: aggregations that return input elements unchanged. */
final class Selections {
  private Selections() {}

  static VectorV eval(Evaluator ev, AggregateExpr a, double param, List<VecItem> input, long ts) {
    AggregateOp op = a.op();
    if (Double.isNaN(param)) {
      throw new QueryException(op == AggregateOp.LIMIT_RATIO ? "Ratio value is NaN" : "Parameter value is NaN");
    }
    if (op == AggregateOp.LIMIT_RATIO) {
      return limitRatio(ev, a, param, input, ts);
    }
    long k = param >= 9.223372036854775807E18 ? Long.MAX_VALUE : (long) param;
    if (k < 1) {
      return new VectorV(List.of());
    }
    Map<Labels, List<VecItem>> groups = new LinkedHashMap<>();
    for (VecItem i : input) {
      groups.computeIfAbsent(Aggregations.groupKey(a, i), x -> new ArrayList<>()).add(i);
    }
    List<VecItem> out = new ArrayList<>();
    for (List<VecItem> g : groups.values()) {
      List<VecItem> chosen;
      if (op == AggregateOp.LIMITK) {
        chosen = g.subList(0, (int) Math.min(k, g.size()));
      } else {
        chosen = new ArrayList<>(g);
        chosen.sort(
            (x, y) -> {
              boolean xn = Double.isNaN(x.v());
              boolean yn = Double.isNaN(y.v());
              return xn || yn ? Boolean.compare(xn, yn) : byValueCompare(op, x, y);
            });
        chosen = chosen.subList(0, (int) Math.min(k, chosen.size()));
      }
      for (VecItem i : chosen) {
        out.add(new VecItem(i.labels(), ts, i.v(), i.dropName()));
      }
    }
    return new VectorV(out);
  }

  private static int byValueCompare(AggregateOp op, VecItem x, VecItem y) {
    int c = Double.compare(x.v(), y.v());
    return op == AggregateOp.TOPK ? -c : c;
  }

  private static VectorV limitRatio(Evaluator ev, AggregateExpr a, double ratio, List<VecItem> input, long ts) {
    if (ratio < -1 || ratio > 1) {
      ev.annotations().warn("ratio value should be between -1 and 1, got " + Formats.number(ratio) + ", capping to " + (ratio < 0 ? "-1" : "1")
          + " (" + a.paramPosition() + ")");
      ratio = Math.max(-1, Math.min(1, ratio));
    }
    List<VecItem> out = new ArrayList<>();
    for (VecItem i : input) {
      double offset = LabelHash.ratioOffset(i.labels());
      boolean keep = ratio >= 0 ? offset < ratio : offset >= 1.0 + ratio;
      if (keep) {
        out.add(new VecItem(i.labels(), ts, i.v(), i.dropName()));
      }
    }
    return new VectorV(out);
  }
}
