package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Annotations;
import io.pipelens.alerts.promql.EngineOptions;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.promql.ast.AggregateExpr;
import io.pipelens.alerts.promql.ast.BinaryExpr;
import io.pipelens.alerts.promql.ast.Call;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.MatrixSelector;
import io.pipelens.alerts.promql.ast.NumberLiteral;
import io.pipelens.alerts.promql.ast.ParenExpr;
import io.pipelens.alerts.promql.ast.StringLiteral;
import io.pipelens.alerts.promql.ast.SubqueryExpr;
import io.pipelens.alerts.promql.ast.UnaryExpr;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.StringV;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.functions.FunctionCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at one timestamp. Range queries and subqueries call it once per step.
 * Holds per-query state (annotations), so use one instance per query on one thread.
 */
public final class Evaluator {
  private final SeriesSource source;
  private final EngineOptions options;
  private final QueryWindow window;
  private final Annotations annotations;
  private final Selectors selectors;
  private final Map<Expr, Map<Long, EvalValue>> subqueryResults = new IdentityHashMap<>();

  /**
   * @param root the query's expression, used to fetch each selector's whole time range once; pass
   *     null to fetch per step
   */
  public Evaluator(SeriesSource source, EngineOptions options, QueryWindow window, Annotations annotations, Expr root) {
    this.source = source;
    this.options = options;
    this.window = window;
    this.annotations = annotations;
    SelectionPlan plan = root == null ? null : SelectionPlan.of(root, window, options.lookbackDeltaMs());
    this.selectors = new Selectors(source, options, window, plan);
  }

  public QueryWindow window() {
    return window;
  }

  public Annotations annotations() {
    return annotations;
  }

  public EngineOptions options() {
    return options;
  }

  public SeriesSource source() {
    return source;
  }

  /**
   * Evaluates a subquery's inner expression at t, remembering the result for the rest of the query:
   * subquery steps are aligned to the epoch, so consecutive outer steps share most inner steps.
   */
  EvalValue evalSubqueryStep(Expr inner, long t) {
    return subqueryResults.computeIfAbsent(inner, k -> new HashMap<>()).computeIfAbsent(t, k -> eval(inner, t));
  }

  public EvalValue eval(Expr e, long ts) {
    if (e instanceof NumberLiteral n) {
      return new ScalarV(n.value());
    } else if (e instanceof StringLiteral s) {
      return new StringV(s.value());
    } else if (e instanceof ParenExpr p) {
      return eval(p.expr(), ts);
    } else if (e instanceof UnaryExpr u) {
      return unary(u, ts);
    } else if (e instanceof VectorSelector vs) {
      return selectors.instant(vs, ts);
    } else if (e instanceof MatrixSelector ms) {
      return selectors.range(ms, ts);
    } else if (e instanceof SubqueryExpr sq) {
      return Subqueries.eval(this, sq, ts);
    } else if (e instanceof BinaryExpr b) {
      return BinaryOperations.eval(b, eval(b.lhs(), ts), eval(b.rhs(), ts), ts);
    } else if (e instanceof AggregateExpr a) {
      return Aggregations.eval(this, a, ts);
    } else if (e instanceof Call c) {
      return FunctionCalls.call(this, c, ts);
    }
    throw new IllegalStateException("unknown expression node " + e.getClass().getSimpleName());
  }

  private EvalValue unary(UnaryExpr u, long ts) {
    EvalValue v = eval(u.expr(), ts);
    if (!u.negate()) {
      return v;
    }
    if (v instanceof ScalarV s) {
      return new ScalarV(-s.v());
    }
    List<VecItem> out = new ArrayList<>();
    for (VecItem i : ((VectorV) v).items()) {
      out.add(new VecItem(i.labels(), ts, -i.v(), true));
    }
    return new VectorV(out);
  }
}
