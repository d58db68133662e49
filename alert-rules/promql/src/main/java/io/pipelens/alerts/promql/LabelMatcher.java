package io.pipelens.alerts.promql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One label matcher of a selector. Regular expressions are RE2 (like Prometheus's Go regexp) and
 * fully anchored: {@code job=~"api"} does not match "api-server".
 */
public record LabelMatcher(String name, Type type, String value, Pattern pattern) {

  public enum Type {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** Creates a matcher, compiling the regex for =~ and !~; bad regexes throw with the reason. */
  public static LabelMatcher of(String name, Type type, String value) {
    Pattern p = null;
    if (type == Type.RE || type == Type.NRE) {
      try {
        p = Pattern.compile("^(?s:" + value + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regular expression " + quote(value) + " for label " + name + ": "
                + e.getDescription());
      }
    }
    return new LabelMatcher(name, type, value, p);
  }

  public boolean matches(String labelValue) {
    return switch (type) {
      case EQ -> labelValue.equals(value);
      case NEQ -> !labelValue.equals(value);
      case RE -> pattern.matches(labelValue);
      case NRE -> !pattern.matches(labelValue);
    };
  }

  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  /** True when the matcher accepts the empty string, i.e. also matches series lacking the label. */
  public boolean matchesEmpty() {
    return matches("");
  }

  @Override
  public String toString() {
    return name + type.symbol + quote(value);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
