package io.pipelens.alerts.promql.ast;

import java.util.List;

/** A string literal, already unescaped. */
public record StringLiteral(String value) implements Expr {
  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public List<Expr> children() {
    return List.of();
  }
}
