package io.pipelens.alerts.promql.ast;

/** 1-based line and column of an expression in the query text, printed "line:col" as Prometheus does in annotations. */
public record SourcePos(int line, int column) {
  public static final SourcePos UNKNOWN = new SourcePos(0, 0);

  /** Position of a 0-based character offset in the input. */
  public static SourcePos of(String input, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(offset, input.length()); i++) {
      if (input.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new SourcePos(line, col);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
