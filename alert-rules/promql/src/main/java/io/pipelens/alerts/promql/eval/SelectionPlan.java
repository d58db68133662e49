package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.MatrixSelector;
import io.pipelens.alerts.promql.ast.SubqueryExpr;
import io.pipelens.alerts.promql.ast.VectorSelector;
import java.util.HashMap;
import java.util.Map;

/**
 * The time window each selector of a query will read, worked out before evaluation so every
 * selector is fetched from the source once per query rather than once per step (as Prometheus
 * does). Windows are inclusive milliseconds.
 */
final class SelectionPlan {
  private final Map<VectorSelector, long[]> windows = new HashMap<>();
  private final QueryWindow query;
  private final long lookbackMs;

  private SelectionPlan(QueryWindow query, long lookbackMs) {
    this.query = query;
    this.lookbackMs = lookbackMs;
  }

  static SelectionPlan of(Expr root, QueryWindow query, long lookbackMs) {
    SelectionPlan p = new SelectionPlan(query, lookbackMs);
    p.walk(root, query.startMs(), query.endMs());
    return p;
  }

  /** The planned window for a selector, or null when it was not part of the planned expression. */
  long[] window(VectorSelector vs) {
    return windows.get(vs);
  }

  private void walk(Expr e, long from, long to) {
    if (e instanceof VectorSelector vs) {
      add(vs, refFrom(vs, from) - lookbackMs + 1, refTo(vs, to));
    } else if (e instanceof MatrixSelector ms) {
      add(ms.selector(), refFrom(ms.selector(), from) - ms.rangeMs() + 1, refTo(ms.selector(), to));
    } else if (e instanceof SubqueryExpr sq) {
      long baseFrom = sq.at() != null ? sq.at().resolve(query.startMs(), query.endMs()) : from;
      long baseTo = sq.at() != null ? sq.at().resolve(query.startMs(), query.endMs()) : to;
      walk(sq.expr(), baseFrom - sq.offsetMs() - sq.rangeMs(), baseTo - sq.offsetMs());
    } else {
      for (Expr c : e.children()) {
        walk(c, from, to);
      }
    }
  }

  private long refFrom(VectorSelector vs, long from) {
    return (vs.at() != null ? vs.at().resolve(query.startMs(), query.endMs()) : from) - vs.offsetMs();
  }

  private long refTo(VectorSelector vs, long to) {
    return (vs.at() != null ? vs.at().resolve(query.startMs(), query.endMs()) : to) - vs.offsetMs();
  }

  private void add(VectorSelector vs, long min, long max) {
    windows.merge(vs, new long[] {min, max}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
  }
}
