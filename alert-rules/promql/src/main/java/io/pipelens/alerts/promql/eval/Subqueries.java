package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.Point;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.ast.SubqueryExpr;
import io.pipelens.alerts.promql.eval.EvalValue.MatrixV;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.SeriesItem;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code expr[range:step]}: evaluates the inner expression at every multiple of step (counted
 * from the Unix epoch) inside {@code (t - offset - range, t - offset]}.
 */
final class Subqueries {
  private Subqueries() {}

  static MatrixV eval(Evaluator ev, SubqueryExpr sq, long ts) {
    QueryWindow w = ev.window();
    long base = sq.at() != null ? sq.at().resolve(w.startMs(), w.endMs()) : ts;
    long ref = base - sq.offsetMs();
    long step = sq.stepMs() > 0 ? sq.stepMs() : ev.options().defaultSubqueryStepMs();
    long lowest = ref - sq.rangeMs();
    long start = step * (lowest / step); // truncation toward zero, as in Go
    if (start <= lowest) {
      start += step;
    }
    if ((ref - start) / step + 1 > ev.options().maxSubquerySteps()) {
      throw new QueryException("subquery needs " + ((ref - start) / step + 1) + " steps, more than the limit of "
          + ev.options().maxSubquerySteps() + "; use a larger subquery step");
    }
    Map<Labels, List<Point>> points = new LinkedHashMap<>();
    Map<Labels, Boolean> dropName = new LinkedHashMap<>();
    for (long t = start; t <= ref; t += step) {
      EvalValue v = ev.evalSubqueryStep(sq.expr(), t);
      if (v instanceof ScalarV s) {
        points.computeIfAbsent(Labels.EMPTY, k -> new ArrayList<>()).add(new Point(t, s.v()));
        dropName.put(Labels.EMPTY, false);
      } else {
        for (VecItem i : ((VectorV) v).items()) {
          points.computeIfAbsent(i.labels(), k -> new ArrayList<>()).add(new Point(t, i.v()));
          dropName.put(i.labels(), i.dropName());
        }
      }
    }
    List<SeriesItem> out = new ArrayList<>();
    points.forEach((l, p) -> out.add(new SeriesItem(l, p, dropName.get(l))));
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return new MatrixV(out, sq.rangeMs(), ref);
  }
}
