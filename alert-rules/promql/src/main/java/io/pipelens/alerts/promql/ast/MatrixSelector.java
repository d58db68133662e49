package io.pipelens.alerts.promql.ast;

import java.util.List;

/** A range vector selector {@code selector[range]}; range in milliseconds. */
public record MatrixSelector(VectorSelector selector, long rangeMs) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public List<Expr> children() {
    return List.of(selector);
  }
}
