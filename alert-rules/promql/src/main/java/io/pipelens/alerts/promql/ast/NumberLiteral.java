package io.pipelens.alerts.promql.ast;

import java.util.List;

/** A float literal; durations like 1h30m used as numbers become seconds. */
public record NumberLiteral(double value) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }
}
