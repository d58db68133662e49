package io.pipelens.alerts.promql.parse;

import io.pipelens.alerts.promql.ast.SourcePos;
import java.util.ArrayList;
import java.util.List;

/** Token cursor shared by the parser's parts, with helpers for common productions. */
final class ParserState {
  /** Prometheus keeps durations in int64 nanoseconds: about 292 years. */
  private static final double MAX_DURATION_SECONDS = 9.2e9;

  private final String input;
  private final List<Token> tokens;
  private int i;

  ParserState(String input, List<Token> tokens) {
    this.input = input;
    this.tokens = tokens;
  }

  Token peek() {
    return tokens.get(i);
  }

  /** Token {@code ahead} positions away; negative looks back (clamped to the first token). */
  Token peek(int ahead) {
    return tokens.get(Math.max(0, Math.min(i + ahead, tokens.size() - 1)));
  }

  Token next() {
    Token t = tokens.get(i);
    if (t.kind() != TokenKind.EOF) {
      i++;
    }
    return t;
  }

  boolean accept(TokenKind k) {
    if (peek().kind() == k) {
      next();
      return true;
    }
    return false;
  }

  Token expect(TokenKind k, String what) {
    Token t = peek();
    if (t.kind() != k) {
      throw error(t, "unexpected " + t.describe() + ", expected " + what);
    }
    return next();
  }

  SourcePos position(Token t) {
    return SourcePos.of(input, t.pos());
  }

  ParseException error(Token at, String message) {
    return new ParseException(input, at.pos(), message);
  }

  /** {@code (a, b, "c")}: label names for grouping and matching. */
  List<String> labelList() {
    expect(TokenKind.LEFT_PAREN, "\"(\" to start a label list");
    List<String> out = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_PAREN) {
      Token t = next();
      if (t.kind() == TokenKind.IDENTIFIER) {
        if (t.text().contains(":")) {
          throw error(t, "invalid label name \"" + t.text() + "\" in label list");
        }
        out.add(t.text());
      } else if (t.kind() == TokenKind.STRING) {
        out.add(unquote(t));
      } else {
        throw error(t, "unexpected " + t.describe() + " in grouping opts, expected label");
      }
      if (!accept(TokenKind.COMMA) && peek().kind() != TokenKind.RIGHT_PAREN) {
        throw error(peek(), "unexpected " + peek().describe() + " in grouping opts, expected \",\" or \")\"");
      }
    }
    next();
    return out;
  }

  long duration(Token t) {
    try {
      long ms = Durations.parseMillis(t.text());
      if (ms > MAX_DURATION_SECONDS * 1000) {
        throw new IllegalArgumentException("duration out of range: " + t.text());
      }
      return ms;
    } catch (IllegalArgumentException e) {
      throw error(t, e.getMessage());
    }
  }

  /** A duration or a plain number of seconds, as accepted in ranges and offsets. */
  long durationOrSeconds(String what) {
    Token t = next();
    if (t.kind() == TokenKind.DURATION) {
      return duration(t);
    }
    if (t.kind() == TokenKind.NUMBER) {
      double secs = Numbers.parse(t.text());
      if (!(Math.abs(secs) <= MAX_DURATION_SECONDS)) {
        throw error(t, "duration out of range: " + t.text());
      }
      return Math.round(secs * 1000);
    }
    throw error(t, "unexpected " + t.describe() + ", expected " + what);
  }

  String unquote(Token t) {
    try {
      return StringLiterals.unquote(t.text());
    } catch (IllegalArgumentException e) {
      throw error(t, e.getMessage());
    }
  }
}
