package io.pipelens.alerts.promql.ast;

import java.util.List;

/**
 * A binary operation. {@code matching} is null unless both sides are vectors.
 *
 * @param returnBool the {@code bool} modifier of comparisons
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching)
    implements Expr {
  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
        ? ValueType.SCALAR
        : ValueType.VECTOR;
  }

  @Override
  public List<Expr> children() {
    return List.of(lhs, rhs);
  }
}
