package io.pipelens.alerts.template;

/** A 1-based line and column inside a template's source text. */
record Pos(int line, int column) {
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
