package io.pipelens.collector.series;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PromQL label matcher: {@code =}, {@code !=}, {@code =~}, {@code !~}. Regular expressions are
 * fully anchored, as in Prometheus. A missing label matches as the empty string.
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {

  /** The matcher operators. */
  public enum Op {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public static LabelMatcher of(String name, Op op, String value) {
    Pattern p = null;
    if (op == Op.RE || op == Op.NRE) {
      try {
        p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regular expression in matcher " + name + op.symbol + "\"" + value + "\": " + e.getDescription(), e);
      }
    }
    return new LabelMatcher(name, op, value, p);
  }

  public static LabelMatcher eq(String name, String value) {
    return of(name, Op.EQ, value);
  }

  public static LabelMatcher neq(String name, String value) {
    return of(name, Op.NEQ, value);
  }

  public static LabelMatcher re(String name, String regex) {
    return of(name, Op.RE, regex);
  }

  public static LabelMatcher nre(String name, String regex) {
    return of(name, Op.NRE, regex);
  }

  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (op) {
      case EQ -> v.equals(value);
      case NEQ -> !v.equals(value);
      case RE -> pattern.matcher(v).matches();
      case NRE -> !pattern.matcher(v).matches();
    };
  }

  @Override
  public String toString() {
    return name + op.symbol + "\"" + value + "\"";
  }
}
