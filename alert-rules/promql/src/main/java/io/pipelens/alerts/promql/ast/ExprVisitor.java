package io.pipelens.alerts.promql.ast;

import java.util.function.Consumer;

/** Depth-first, pre-order walks over an expression tree. */
public final class ExprVisitor {
  private ExprVisitor() {}

  /** Calls {@code action} for the node and every descendant, parents first. */
  public static void walk(Expr expr, Consumer<Expr> action) {
    action.accept(expr);
    for (Expr c : expr.children()) {
      walk(c, action);
    }
  }
}
