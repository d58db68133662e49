package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.ast.BinaryExpr;
import io.pipelens.alerts.promql.ast.BinaryOp;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.List;

/** Scalar/scalar and vector/scalar operations; vector/vector ones go to {@link VectorMatcher}. */
final class BinaryOperations {
  private BinaryOperations() {}

  static EvalValue eval(BinaryExpr b, EvalValue lhs, EvalValue rhs, long ts) {
    BinaryOp op = b.op();
    if (lhs instanceof ScalarV l && rhs instanceof ScalarV r) {
      if (op.isComparison()) {
        return new ScalarV(ArithmeticOps.compare(op, l.v(), r.v()) ? 1 : 0);
      }
      return new ScalarV(ArithmeticOps.arithmetic(op, l.v(), r.v()));
    }
    if (lhs instanceof VectorV l && rhs instanceof VectorV r) {
      return VectorMatcher.eval(b, l.items(), r.items(), ts);
    }
    boolean scalarLeft = lhs instanceof ScalarV;
    List<VecItem> items = scalarLeft ? ((VectorV) rhs).items() : ((VectorV) lhs).items();
    double scalar = scalarLeft ? ((ScalarV) lhs).v() : ((ScalarV) rhs).v();
    List<VecItem> out = new ArrayList<>();
    for (VecItem i : items) {
      double l = scalarLeft ? scalar : i.v();
      double r = scalarLeft ? i.v() : scalar;
      if (op.isComparison()) {
        boolean keep = ArithmeticOps.compare(op, l, r);
        if (b.returnBool()) {
          out.add(new VecItem(i.labels(), ts, keep ? 1 : 0, true));
        } else if (keep) {
          out.add(new VecItem(i.labels(), ts, i.v(), i.dropName()));
        }
      } else {
        out.add(new VecItem(i.labels(), ts, ArithmeticOps.arithmetic(op, l, r), true));
      }
    }
    return new VectorV(out);
  }
}
