package io.pipelens.alerts.notify.alert;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher ({@code =, !=, =~, !~}). Regexes are fully anchored as in Prometheus. A missing
 * label matches as the empty string.
 */
public record Matcher(String name, Type type, String value, Pattern pattern) {
  public enum Type {
    EQ("="),
    NE("!="),
    RE("=~"),
    NRE("!~");

    final String op;

    Type(String op) {
      this.op = op;
    }

    public String op() {
      return op;
    }
  }

  public static Matcher of(String name, Type type, String value) {
    Pattern p = null;
    if (type == Type.RE || type == Type.NRE) {
      try {
        p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("invalid regular expression " + Labels.quote(value) + ": " + e.getDescription());
      }
    }
    return new Matcher(name, type, value, p);
  }

  public static Matcher eq(String name, String value) {
    return of(name, Type.EQ, value);
  }

  /** The Alertmanager API v2 shape: {name, value, isRegex, isEqual}. */
  public static Matcher fromApi(String name, String value, boolean isRegex, boolean isEqual) {
    Type t = isRegex ? (isEqual ? Type.RE : Type.NRE) : (isEqual ? Type.EQ : Type.NE);
    return of(name, t, value);
  }

  public boolean isRegex() {
    return type == Type.RE || type == Type.NRE;
  }

  public boolean isEqual() {
    return type == Type.EQ || type == Type.RE;
  }

  public boolean matches(String v) {
    String s = v == null ? "" : v;
    return switch (type) {
      case EQ -> s.equals(value);
      case NE -> !s.equals(value);
      case RE -> pattern.matcher(s).matches();
      case NRE -> !pattern.matcher(s).matches();
    };
  }

  public boolean matches(Map<String, String> labels) {
    return matches(labels.get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.name.equals(name) && m.type == type && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return (name + type.op + value).hashCode();
  }

  @Override
  public String toString() {
    return name + type.op + Labels.quote(value);
  }
}
