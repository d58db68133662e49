package io.pipelens.alerts.promql.parse;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/** {@code name{label op "value", ...}} selectors. */
final class SelectorParser {
  private final ParserState s;

  SelectorParser(ParserState s) {
    this.s = s;
  }

  VectorSelector selector() {
    Token start = s.peek();
    String name = null;
    List<LabelMatcher> matchers = new ArrayList<>();
    if (start.kind() == TokenKind.IDENTIFIER) {
      name = s.next().text();
    }
    if (s.peek().kind() == TokenKind.LEFT_BRACE) {
      s.next();
      while (s.peek().kind() != TokenKind.RIGHT_BRACE) {
        Token labelTok = s.next();
        String label;
        if (labelTok.kind() == TokenKind.IDENTIFIER) {
          label = labelTok.text();
        } else if (labelTok.kind() == TokenKind.STRING) {
          label = s.unquote(labelTok);
          if (s.peek().kind() == TokenKind.COMMA || s.peek().kind() == TokenKind.RIGHT_BRACE) {
            if (name != null) {
              throw s.error(labelTok, "metric name must not be set twice: \"" + name + "\" or \"" + label + "\"");
            }
            name = label;
            s.accept(TokenKind.COMMA);
            continue;
          }
        } else {
          throw s.error(labelTok, "unexpected " + labelTok.describe() + " in label matching, expected label name");
        }
        Token opTok = s.next();
        LabelMatcher.Type type =
            switch (opTok.kind()) {
              case ASSIGN -> LabelMatcher.Type.EQ;
              case NEQ -> LabelMatcher.Type.NEQ;
              case EQL_REGEX -> LabelMatcher.Type.RE;
              case NEQ_REGEX -> LabelMatcher.Type.NRE;
              default -> throw s.error(opTok, "unexpected " + opTok.describe() + " in label matching, expected one of \"=\", \"!=\", \"=~\", \"!~\"");
            };
        Token valTok = s.next();
        if (valTok.kind() != TokenKind.STRING) {
          throw s.error(valTok, "unexpected " + valTok.describe() + " in label matching, expected string");
        }
        try {
          matchers.add(LabelMatcher.of(label, type, s.unquote(valTok)));
        } catch (IllegalArgumentException e) {
          throw s.error(valTok, e.getMessage());
        }
        if (!s.accept(TokenKind.COMMA) && s.peek().kind() != TokenKind.RIGHT_BRACE) {
          throw s.error(s.peek(), "unexpected " + s.peek().describe() + " in label matching, expected \",\" or \"}\"");
        }
      }
      s.next();
    } else if (name == null) {
      throw s.error(start, "unexpected " + start.describe() + ", expected a selector");
    }
    if (name != null) {
      for (LabelMatcher m : matchers) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          throw s.error(start, "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
        }
      }
      matchers.add(0, LabelMatcher.of(Labels.METRIC_NAME, LabelMatcher.Type.EQ, name));
    }
    if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
      throw s.error(start, "vector selector must contain at least one non-empty matcher");
    }
    return new VectorSelector(name, matchers, 0, null);
  }
}
