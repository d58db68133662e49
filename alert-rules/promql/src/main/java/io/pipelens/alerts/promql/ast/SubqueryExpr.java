package io.pipelens.alerts.promql.ast;

import java.util.List;

/**
 * A subquery {@code expr[range:step]}. A step of 0 means the engine's default resolution.
 * Times in milliseconds.
 */
public record SubqueryExpr(Expr expr, long rangeMs, long stepMs, long offsetMs, AtModifier at)
    implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public List<Expr> children() {
    return List.of(expr);
  }
}
