package io.pipelens.alerts.promql.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * An aggregation such as {@code topk by (job) (3, x)}.
 *
 * @param param the leading parameter or null
 * @param without true for {@code without(...)}, false for {@code by(...)} or none
 * @param paramPosition where the parameter starts (for annotation messages)
 */
public record AggregateExpr(
    AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, SourcePos paramPosition)
    implements Expr {
  public AggregateExpr {
    grouping = List.copyOf(grouping);
  }

  public AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without) {
    this(op, expr, param, grouping, without, SourcePos.UNKNOWN);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public List<Expr> children() {
    List<Expr> c = new ArrayList<>();
    if (param != null) {
      c.add(param);
    }
    c.add(expr);
    return c;
  }
}
