package io.pipelens.alerts.promql.ast;

import java.util.List;

/** A parenthesised expression. */
public record ParenExpr(Expr expr) implements Expr {
  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public List<Expr> children() {
    return List.of(expr);
  }
}
