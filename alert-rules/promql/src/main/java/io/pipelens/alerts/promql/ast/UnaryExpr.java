package io.pipelens.alerts.promql.ast;

import java.util.List;

/** Unary minus or plus. */
public record UnaryExpr(boolean negate, Expr expr) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public List<Expr> children() {
    return List.of(expr);
  }
}
