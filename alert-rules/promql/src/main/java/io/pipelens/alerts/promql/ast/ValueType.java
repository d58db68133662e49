package io.pipelens.alerts.promql.ast;

/** The PromQL type an expression evaluates to. */
public enum ValueType {
  SCALAR("scalar"),
  STRING("string"),
  VECTOR("instant vector"),
  MATRIX("range vector");

  private final String description;

  ValueType(String description) {
    this.description = description;
  }

  @Override
  public String toString() {
    return description;
  }
}
