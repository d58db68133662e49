package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.ast.BinaryOp;

/** Float semantics of the binary operators, matching Go's math package where Java differs. */
final class ArithmeticOps {
  private ArithmeticOps() {}

  /** Arithmetic result, or for comparisons the lhs when true and NaN-as-"drop" via {@link #compare}. */
  static double arithmetic(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> pow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      default -> throw new IllegalArgumentException("not arithmetic: " + op);
    };
  }

  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case LSS -> l < r;
      case LTE -> l <= r;
      case GTR -> l > r;
      case GTE -> l >= r;
      default -> throw new IllegalArgumentException("not a comparison: " + op);
    };
  }

  /** Go's math.Pow: 1^NaN = 1 and (-1)^±Inf = 1, where Java gives NaN. */
  static double pow(double x, double y) {
    if (x == 1 || (x == -1 && Double.isInfinite(y))) {
      return 1;
    }
    return Math.pow(x, y);
  }
}
