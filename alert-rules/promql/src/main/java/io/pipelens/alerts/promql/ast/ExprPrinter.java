package io.pipelens.alerts.promql.ast;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.eval.Formats;
import io.pipelens.alerts.promql.parse.Durations;
import io.pipelens.alerts.promql.parse.StringLiterals;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an expression back as PromQL text that parses to an equivalent tree, adding parentheses
 * where a hand-built tree needs them. Used for messages, rule files and dashboards.
 */
public final class ExprPrinter {
  private ExprPrinter() {}

  public static String print(Expr e) {
    if (e instanceof NumberLiteral n) {
      return Formats.number(n.value());
    } else if (e instanceof StringLiteral s) {
      return StringLiterals.quote(s.value());
    } else if (e instanceof VectorSelector vs) {
      return selector(vs) + modifiers(vs.offsetMs(), vs.at());
    } else if (e instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      return selector(vs) + "[" + Durations.format(ms.rangeMs()) + "]" + modifiers(vs.offsetMs(), vs.at());
    } else if (e instanceof SubqueryExpr sq) {
      String step = sq.stepMs() > 0 ? Durations.format(sq.stepMs()) : "";
      return operand(sq.expr(), 100) + "[" + Durations.format(sq.rangeMs()) + ":" + step + "]" + modifiers(sq.offsetMs(), sq.at());
    } else if (e instanceof ParenExpr p) {
      return "(" + print(p.expr()) + ")";
    } else if (e instanceof UnaryExpr u) {
      return (u.negate() ? "-" : "+") + operand(u.expr(), BinaryOp.POW.precedence());
    } else if (e instanceof BinaryExpr b) {
      return binary(b);
    } else if (e instanceof AggregateExpr a) {
      String grouping = a.grouping().isEmpty() && !a.without() ? ""
          : (a.without() ? " without (" : " by (") + labelList(a.grouping()) + ") ";
      String param = a.param() == null ? "" : print(a.param()) + ", ";
      return a.op().keyword() + grouping + "(" + param + print(a.expr()) + ")";
    } else if (e instanceof Call c) {
      return c.function().name() + "(" + c.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")) + ")";
    }
    throw new IllegalArgumentException("unknown expression node " + e);
  }

  private static String binary(BinaryExpr b) {
    int prec = b.op().precedence();
    int leftMin = b.op().isRightAssociative() ? prec + 1 : prec;
    int rightMin = b.op().isRightAssociative() ? prec : prec + 1;
    StringBuilder sb = new StringBuilder(operand(b.lhs(), leftMin)).append(' ').append(b.op().symbol());
    if (b.returnBool()) {
      sb.append(" bool");
    }
    VectorMatching m = b.matching();
    if (m != null) {
      if (m.on()) {
        sb.append(" on(").append(labelList(m.labels())).append(')');
      } else if (!m.labels().isEmpty() || m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
          || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
        sb.append(" ignoring(").append(labelList(m.labels())).append(')');
      }
      if (m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE) {
        sb.append(" group_left(").append(labelList(m.include())).append(')');
      } else if (m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY) {
        sb.append(" group_right(").append(labelList(m.include())).append(')');
      }
    }
    return sb.append(' ').append(operand(b.rhs(), rightMin)).toString();
  }

  /** Prints a child, in parentheses when it would otherwise bind looser than {@code minPrecedence}. */
  private static String operand(Expr e, int minPrecedence) {
    int p = e instanceof BinaryExpr b ? b.op().precedence() : e instanceof UnaryExpr ? BinaryOp.MUL.precedence() : 100;
    if (e instanceof NumberLiteral n && n.value() < 0 && minPrecedence > BinaryOp.MUL.precedence()) {
      p = BinaryOp.MUL.precedence();
    }
    return p < minPrecedence ? "(" + print(e) + ")" : print(e);
  }

  private static String selector(VectorSelector vs) {
    List<LabelMatcher> rest = vs.matchers().stream()
        .filter(m -> !(vs.name() != null && m.name().equals(Labels.METRIC_NAME) && m.type() == LabelMatcher.Type.EQ && m.value().equals(vs.name())))
        .toList();
    String name = vs.name() != null && isIdentifier(vs.name(), true) ? vs.name() : "";
    StringBuilder sb = new StringBuilder(name);
    if (!rest.isEmpty() || name.isEmpty()) {
      sb.append('{');
      if (vs.name() != null && name.isEmpty()) {
        sb.append(StringLiterals.quote(vs.name())).append(rest.isEmpty() ? "" : ", ");
      }
      sb.append(rest.stream()
          .map(m -> label(m.name()) + m.type().symbol() + StringLiterals.quote(m.value()))
          .collect(Collectors.joining(", ")));
      sb.append('}');
    }
    return sb.toString();
  }

  private static String modifiers(long offsetMs, AtModifier at) {
    StringBuilder sb = new StringBuilder();
    if (offsetMs != 0) {
      sb.append(" offset ").append(Durations.format(offsetMs));
    }
    if (at != null) {
      sb.append(" @ ").append(switch (at.kind()) {
        case START -> "start()";
        case END -> "end()";
        case TIME -> Formats.number(at.timeMs() / 1000.0);
      });
    }
    return sb.toString();
  }

  private static String labelList(List<String> labels) {
    return labels.stream().map(ExprPrinter::label).collect(Collectors.joining(", "));
  }

  private static String label(String name) {
    return isIdentifier(name, false) ? name : StringLiterals.quote(name);
  }

  private static boolean isIdentifier(String s, boolean allowColon) {
    if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
      return false;
    }
    for (char c : s.toCharArray()) {
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || (allowColon && c == ':')))) {
        return false;
      }
    }
    return true;
  }
}
