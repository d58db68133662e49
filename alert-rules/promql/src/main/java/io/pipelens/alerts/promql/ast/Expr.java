package io.pipelens.alerts.promql.ast;

/** A node of a parsed PromQL expression. Immutable; walk it with {@link ExprVisitor}. */
public sealed interface Expr
    permits NumberLiteral,
        StringLiteral,
        VectorSelector,
        MatrixSelector,
        SubqueryExpr,
        ParenExpr,
        UnaryExpr,
        BinaryExpr,
        AggregateExpr,
        Call {

  ValueType type();

  /** Direct children, left to right. */
  java.util.List<Expr> children();
}
