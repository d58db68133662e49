package io.pipelens.alerts.promql.ast;

import java.util.List;

/**
 * A function call; arguments are already type-checked against {@link FunctionSignature}.
 *
 * @param position where the call starts; {@code argPositions} where each argument starts (used in
 *     annotation messages)
 */
public record Call(FunctionSignature function, List<Expr> args, SourcePos position, List<SourcePos> argPositions)
    implements Expr {
  public Call {
    args = List.copyOf(args);
    argPositions = List.copyOf(argPositions);
  }

  public Call(FunctionSignature function, List<Expr> args) {
    this(function, args, SourcePos.UNKNOWN, java.util.Collections.nCopies(args.size(), SourcePos.UNKNOWN));
  }

  public SourcePos argPosition(int i) {
    return i < argPositions.size() ? argPositions.get(i) : SourcePos.UNKNOWN;
  }

  @Override
  public ValueType type() {
    return function.returnType();
  }

  @Override
  public List<Expr> children() {
    return args;
  }
}
