package io.pipelens.alerts.promql.parse;

import io.pipelens.alerts.promql.ast.AggregateExpr;
import io.pipelens.alerts.promql.ast.AggregateOp;
import io.pipelens.alerts.promql.ast.BinaryExpr;
import io.pipelens.alerts.promql.ast.BinaryOp;
import io.pipelens.alerts.promql.ast.Call;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.FunctionSignature;
import io.pipelens.alerts.promql.ast.ParenExpr;
import io.pipelens.alerts.promql.ast.ValueType;
import io.pipelens.alerts.promql.ast.VectorMatching;
import java.util.List;

/** Prometheus's static type rules, reported with the position of the offending token. */
final class TypeChecks {
  private TypeChecks() {}

  static Expr binary(
      ParserState s, Token opTok, BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching m) {
    for (Expr side : List.of(lhs, rhs)) {
      if (side.type() != ValueType.SCALAR && side.type() != ValueType.VECTOR) {
        throw s.error(opTok, "binary expression must contain only scalar and instant vector types");
      }
    }
    boolean bothScalar = lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR;
    if (returnBool && !op.isComparison()) {
      throw s.error(opTok, "bool modifier can only be used on comparisons");
    }
    if (op.isComparison() && bothScalar && !returnBool) {
      throw s.error(opTok, "comparisons between scalars must use BOOL modifier");
    }
    if (op.isSetOperator() && (lhs.type() == ValueType.SCALAR || rhs.type() == ValueType.SCALAR)) {
      throw s.error(opTok, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
    }
    boolean explicitMatching = m.on() || !m.labels().isEmpty() || !m.include().isEmpty()
        || m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
        || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
    boolean bothVectors = lhs.type() == ValueType.VECTOR && rhs.type() == ValueType.VECTOR;
    if (explicitMatching && !bothVectors) {
      throw s.error(opTok, "vector matching only allowed between instant vectors");
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, bothVectors ? m : null);
  }

  static Expr call(ParserState s, Token name, FunctionSignature f, List<Expr> args, List<io.pipelens.alerts.promql.ast.SourcePos> positions) {
    if (args.size() < f.minArgs() || args.size() > f.maxArgs()) {
      String expected = f.minArgs() == f.maxArgs() ? String.valueOf(f.minArgs())
          : f.maxArgs() == Integer.MAX_VALUE ? "at least " + f.minArgs() : f.minArgs() + " to " + f.maxArgs();
      throw s.error(name, "expected " + expected + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      ValueType want = f.argType(i);
      ValueType got = args.get(i).type();
      if (want != got) {
        throw s.error(name, "expected type " + want + " in call to function \"" + f.name() + "\", got " + got);
      }
    }
    return new Call(f, args, s.position(name), positions);
  }

  static Expr aggregation(ParserState s, Token opTok, AggregateExpr a) {
    AggregateOp op = a.op();
    if (op.paramType() == null && a.param() != null) {
      throw s.error(opTok, "unexpected parameter for aggregation " + op.keyword() + ": it takes only an expression");
    }
    if (op.paramType() != null && a.param() == null) {
      throw s.error(opTok, "no parameter given for aggregation " + op.keyword());
    }
    if (a.expr().type() != ValueType.VECTOR) {
      throw s.error(opTok, "expected type instant vector in aggregation expression, got " + a.expr().type());
    }
    if (a.param() != null && unwrap(a.param()).type() != op.paramType()) {
      throw s.error(opTok, "expected type " + op.paramType() + " in aggregation parameter, got " + a.param().type());
    }
    return a;
  }

  private static Expr unwrap(Expr e) {
    return e instanceof ParenExpr p ? unwrap(p.expr()) : e;
  }
}
