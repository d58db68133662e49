package io.pipelens.alerts.promql.parse;

import io.pipelens.alerts.promql.ast.AtModifier;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.MatrixSelector;
import io.pipelens.alerts.promql.ast.SubqueryExpr;
import io.pipelens.alerts.promql.ast.ValueType;
import io.pipelens.alerts.promql.ast.VectorSelector;

/** Ranges {@code [5m]}, subqueries {@code [1h:5m]}, {@code offset} and {@code @} after a term. */
final class PostfixParser {
  private final ParserState s;

  PostfixParser(ParserState s) {
    this.s = s;
  }

  Expr postfix(Expr e) {
    while (true) {
      Token t = s.peek();
      if (t.kind() == TokenKind.LEFT_BRACKET) {
        e = bracket(e, s.next());
      } else if (t.isKeyword("offset")) {
        s.next();
        e = offset(e, t, signedDuration());
      } else if (t.kind() == TokenKind.AT) {
        s.next();
        e = at(e, t, atValue());
      } else {
        return e;
      }
    }
  }

  private Expr bracket(Expr e, Token open) {
    long range = s.durationOrSeconds("a duration for the range");
    if (s.accept(TokenKind.COLON)) {
      long step = 0;
      if (s.peek().kind() != TokenKind.RIGHT_BRACKET) {
        step = s.durationOrSeconds("a duration for the subquery step");
        if (step <= 0) {
          throw s.error(open, "subquery step must be greater than 0");
        }
      }
      s.expect(TokenKind.RIGHT_BRACKET, "\"]\" to close the subquery");
      if (e.type() != ValueType.VECTOR) {
        throw s.error(open, "subquery is only allowed on instant vector, got " + e.type() + " instead");
      }
      if (range <= 0) {
        throw s.error(open, "range for subquery must be greater than 0");
      }
      return new SubqueryExpr(e, range, step, 0, null);
    }
    s.expect(TokenKind.RIGHT_BRACKET, "\"]\" or \":\" after the range");
    if (!(e instanceof VectorSelector vs)) {
      throw s.error(open, "ranges only allowed for vector selectors");
    }
    if (vs.offsetMs() != 0) {
      throw s.error(open, "no offset modifiers allowed before range");
    }
    if (vs.at() != null) {
      throw s.error(open, "no @ modifiers allowed before range");
    }
    if (range <= 0) {
      throw s.error(open, "range must be greater than 0");
    }
    return new MatrixSelector(vs, range);
  }

  private long signedDuration() {
    boolean neg = false;
    if (s.peek().kind() == TokenKind.SUB || s.peek().kind() == TokenKind.ADD) {
      neg = s.next().kind() == TokenKind.SUB;
    }
    long d = s.durationOrSeconds("a duration after offset");
    return neg ? -d : d;
  }

  private AtModifier atValue() {
    Token t = s.peek();
    if (t.kind() == TokenKind.IDENTIFIER && (t.text().equals("start") || t.text().equals("end"))) {
      s.next();
      s.expect(TokenKind.LEFT_PAREN, "\"(\" after " + t.text());
      s.expect(TokenKind.RIGHT_PAREN, "\")\" after " + t.text() + "(");
      return new AtModifier(t.text().equals("start") ? AtModifier.Kind.START : AtModifier.Kind.END, 0);
    }
    boolean neg = false;
    if (t.kind() == TokenKind.SUB || t.kind() == TokenKind.ADD) {
      neg = s.next().kind() == TokenKind.SUB;
    }
    Token v = s.next();
    double secs;
    if (v.kind() == TokenKind.NUMBER) {
      secs = Numbers.parse(v.text());
    } else if (v.kind() == TokenKind.DURATION) {
      secs = s.duration(v) / 1000.0;
    } else if (v.kind() == TokenKind.IDENTIFIER && (v.text().equalsIgnoreCase("inf") || v.text().equalsIgnoreCase("nan"))) {
      throw s.error(v, "timestamp out of bounds for @ modifier: " + v.text());
    } else {
      throw s.error(v, "unexpected " + v.describe() + ", expected timestamp, start() or end() after @");
    }
    if (neg) {
      secs = -secs;
    }
    if (Double.isNaN(secs) || Double.isInfinite(secs) || Math.abs(secs * 1000) > 9.2e18) {
      throw s.error(v, "timestamp out of bounds for @ modifier: " + secs);
    }
    return AtModifier.at(Math.round(secs * 1000));
  }

  private Expr offset(Expr e, Token t, long off) {
    if (e instanceof VectorSelector vs) {
      if (vs.offsetMs() != 0) {
        throw s.error(t, "offset may not be set multiple times");
      }
      return vs.withModifiers(off, vs.at());
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().offsetMs() != 0) {
        throw s.error(t, "offset may not be set multiple times");
      }
      return new MatrixSelector(ms.selector().withModifiers(off, ms.selector().at()), ms.rangeMs());
    }
    if (e instanceof SubqueryExpr sq) {
      if (sq.offsetMs() != 0) {
        throw s.error(t, "offset may not be set multiple times");
      }
      return new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.stepMs(), off, sq.at());
    }
    throw s.error(t, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private Expr at(Expr e, Token t, AtModifier at) {
    if (e instanceof VectorSelector vs) {
      if (vs.at() != null) {
        throw s.error(t, "@ <timestamp> may not be set multiple times");
      }
      return vs.withModifiers(vs.offsetMs(), at);
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().at() != null) {
        throw s.error(t, "@ <timestamp> may not be set multiple times");
      }
      return new MatrixSelector(ms.selector().withModifiers(ms.selector().offsetMs(), at), ms.rangeMs());
    }
    if (e instanceof SubqueryExpr sq) {
      if (sq.at() != null) {
        throw s.error(t, "@ <timestamp> may not be set multiple times");
      }
      return new SubqueryExpr(sq.expr(), sq.rangeMs(), sq.stepMs(), sq.offsetMs(), at);
    }
    throw s.error(t, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }
}
