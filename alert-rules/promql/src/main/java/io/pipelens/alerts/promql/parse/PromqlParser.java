package io.pipelens.alerts.promql.parse;

import io.pipelens.alerts.promql.ast.AggregateExpr;
import io.pipelens.alerts.promql.ast.AggregateOp;
import io.pipelens.alerts.promql.ast.BinaryExpr;
import io.pipelens.alerts.promql.ast.BinaryOp;
import io.pipelens.alerts.promql.ast.Call;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.FunctionSignature;
import io.pipelens.alerts.promql.ast.NumberLiteral;
import io.pipelens.alerts.promql.ast.ParenExpr;
import io.pipelens.alerts.promql.ast.SourcePos;
import io.pipelens.alerts.promql.ast.StringLiteral;
import io.pipelens.alerts.promql.ast.UnaryExpr;
import io.pipelens.alerts.promql.ast.ValueType;
import io.pipelens.alerts.promql.ast.VectorMatching;
import io.pipelens.alerts.promql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses PromQL text into an {@link Expr} tree with Prometheus's precedence, associativity and
 * type rules. Errors are {@link ParseException}s naming the position and what was expected.
 * Stateless and thread-safe.
 */
public final class PromqlParser {
  private final ParserState s;

  private PromqlParser(String input) {
    this.s = new ParserState(input, Lexer.lex(input));
  }

  /** Parses a complete expression. */
  public static Expr parse(String input) {
    if (input.isBlank()) {
      throw new ParseException(input, 0, "no expression found in input");
    }
    PromqlParser p = new PromqlParser(input);
    Expr e = p.expr(0);
    if (p.s.peek().kind() != TokenKind.EOF) {
      throw p.s.error(p.s.peek(), "unexpected " + p.s.peek().describe() + ", expected end of input or an operator");
    }
    return e;
  }

  /** Parses a series description such as {@code foo{a="b"}} as used in test files. */
  public static io.pipelens.alerts.promql.ast.VectorSelector parseSelector(String input) {
    PromqlParser p = new PromqlParser(input);
    Expr e = new SelectorParser(p.s).selector();
    if (p.s.peek().kind() != TokenKind.EOF) {
      throw p.s.error(p.s.peek(), "unexpected " + p.s.peek().describe() + " after series selector");
    }
    return (io.pipelens.alerts.promql.ast.VectorSelector) e;
  }

  Expr expr(int minPrec) {
    Expr lhs = unary();
    while (true) {
      Token t = s.peek();
      Optional<BinaryOp> op = binaryOp(t);
      if (op.isEmpty() || op.get().precedence() < minPrec) {
        return lhs;
      }
      s.next();
      BinaryOp bop = op.get();
      boolean returnBool = false;
      if (s.peek().isKeyword("bool")) {
        s.next();
        returnBool = true;
      }
      VectorMatching matching = matching(bop);
      int nextPrec = bop.isRightAssociative() ? bop.precedence() : bop.precedence() + 1;
      Expr rhs = expr(nextPrec);
      lhs = TypeChecks.binary(s, t, bop, lhs, rhs, returnBool, matching);
    }
  }

  private VectorMatching matching(BinaryOp op) {
    Cardinality card = op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE;
    List<String> labels = List.of();
    boolean on = false;
    List<String> include = List.of();
    if (s.peek().isKeyword("on") || s.peek().isKeyword("ignoring")) {
      on = s.next().isKeyword("on");
      labels = s.labelList();
    }
    boolean hasOnOrIgnoring = on || !labels.isEmpty() || s.peek(-1).kind() == TokenKind.RIGHT_PAREN;
    if (s.peek().isKeyword("group_left") || s.peek().isKeyword("group_right")) {
      Token g = s.next();
      if (!hasOnOrIgnoring) {
        throw s.error(g, "unexpected " + g.text() + ": it must follow on(...) or ignoring(...)");
      }
      if (op.isSetOperator()) {
        throw s.error(g, "no grouping allowed for \"" + op.symbol() + "\" operation");
      }
      card = g.isKeyword("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
      if (s.peek().kind() == TokenKind.LEFT_PAREN) {
        include = s.labelList();
      }
      if (on) {
        for (String l : include) {
          if (labels.contains(l)) {
            throw s.error(g, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
          }
        }
      }
    }
    return new VectorMatching(card, labels, on, include);
  }

  private Expr unary() {
    Token t = s.peek();
    if (t.kind() == TokenKind.ADD || t.kind() == TokenKind.SUB) {
      s.next();
      Expr operand = expr(BinaryOp.POW.precedence());
      if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
        throw s.error(t, "unary expression only allowed on expressions of type scalar or instant vector, got " + operand.type());
      }
      if (operand instanceof NumberLiteral n) {
        return t.kind() == TokenKind.SUB ? new NumberLiteral(-n.value()) : n;
      }
      return new UnaryExpr(t.kind() == TokenKind.SUB, operand);
    }
    return new PostfixParser(s).postfix(primary());
  }

  private Expr primary() {
    Token t = s.peek();
    switch (t.kind()) {
      case NUMBER -> {
        s.next();
        return new NumberLiteral(Numbers.parse(t.text()));
      }
      case DURATION -> {
        s.next();
        return new NumberLiteral(s.duration(t) / 1000.0);
      }
      case STRING -> {
        s.next();
        return new StringLiteral(s.unquote(t));
      }
      case LEFT_PAREN -> {
        s.next();
        Expr inner = expr(0);
        s.expect(TokenKind.RIGHT_PAREN, "\")\" to close \"(\"");
        return new ParenExpr(inner);
      }
      case LEFT_BRACE -> {
        return new SelectorParser(s).selector();
      }
      case IDENTIFIER -> {
        return identifier(t);
      }
      default -> throw s.error(t, "unexpected " + t.describe() + ", expected an expression");
    }
  }

  private Expr identifier(Token t) {
    String w = t.text();
    if (w.equalsIgnoreCase("inf") || w.equalsIgnoreCase("nan")) {
      s.next();
      return new NumberLiteral(w.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
    }
    Optional<AggregateOp> agg = AggregateOp.byKeyword(w);
    Token after = s.peek(1);
    if (agg.isPresent()
        && (after.kind() == TokenKind.LEFT_PAREN || after.isKeyword("by") || after.isKeyword("without"))) {
      return aggregation(agg.get());
    }
    if (after.kind() == TokenKind.LEFT_PAREN) {
      return call(t);
    }
    return new SelectorParser(s).selector();
  }

  private Expr call(Token name) {
    s.next();
    FunctionSignature f =
        FunctionSignature.byName(name.text())
            .orElseThrow(() -> s.error(name, "unknown function with name \"" + name.text() + "\""));
    s.expect(TokenKind.LEFT_PAREN, "\"(\"");
    List<Expr> args = new ArrayList<>();
    List<SourcePos> positions = new ArrayList<>();
    if (s.peek().kind() != TokenKind.RIGHT_PAREN) {
      do {
        if (s.peek().kind() == TokenKind.RIGHT_PAREN) {
          break;
        }
        positions.add(s.position(s.peek()));
        args.add(expr(0));
      } while (s.accept(TokenKind.COMMA));
    }
    s.expect(TokenKind.RIGHT_PAREN, "\",\" or \")\" in argument list of \"" + f.name() + "\"");
    return TypeChecks.call(s, name, f, args, positions);
  }

  private Expr aggregation(AggregateOp op) {
    Token opTok = s.next();
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (s.peek().isKeyword("by") || s.peek().isKeyword("without")) {
      without = s.next().isKeyword("without");
      grouping = s.labelList();
      grouped = true;
    }
    s.expect(TokenKind.LEFT_PAREN, "\"(\" after aggregation " + op.keyword());
    Expr param = null;
    SourcePos paramPos = s.position(s.peek());
    Expr body = expr(0);
    if (s.accept(TokenKind.COMMA)) {
      param = body;
      body = expr(0);
    }
    s.expect(TokenKind.RIGHT_PAREN, "\")\" to close aggregation " + op.keyword());
    if (s.peek().isKeyword("by") || s.peek().isKeyword("without")) {
      Token g = s.next();
      if (grouped) {
        throw s.error(g, "aggregation must only contain one grouping clause");
      }
      without = g.isKeyword("without");
      grouping = s.labelList();
    }
    return TypeChecks.aggregation(s, opTok, new AggregateExpr(op, body, param, grouping, without, paramPos));
  }

  private static Optional<BinaryOp> binaryOp(Token t) {
    return switch (t.kind()) {
      case ADD -> Optional.of(BinaryOp.ADD);
      case SUB -> Optional.of(BinaryOp.SUB);
      case MUL -> Optional.of(BinaryOp.MUL);
      case DIV -> Optional.of(BinaryOp.DIV);
      case MOD -> Optional.of(BinaryOp.MOD);
      case POW -> Optional.of(BinaryOp.POW);
      case EQL -> Optional.of(BinaryOp.EQL);
      case NEQ -> Optional.of(BinaryOp.NEQ);
      case LSS -> Optional.of(BinaryOp.LSS);
      case LTE -> Optional.of(BinaryOp.LTE);
      case GTR -> Optional.of(BinaryOp.GTR);
      case GTE -> Optional.of(BinaryOp.GTE);
      case IDENTIFIER -> {
        String w = t.text().toLowerCase(java.util.Locale.ROOT);
        yield switch (w) {
          case "and" -> Optional.of(BinaryOp.AND);
          case "or" -> Optional.of(BinaryOp.OR);
          case "unless" -> Optional.of(BinaryOp.UNLESS);
          case "atan2" -> Optional.of(BinaryOp.ATAN2);
          default -> Optional.empty();
        };
      }
      default -> Optional.empty();
    };
  }
}
