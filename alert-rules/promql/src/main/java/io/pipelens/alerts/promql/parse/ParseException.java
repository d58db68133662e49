package io.pipelens.alerts.promql.parse;

/**
 * A PromQL syntax or type error. The message starts with the 1-based line:column of the offending
 * character, like Prometheus ("1:5: parse error: unexpected ...").
 */
public final class ParseException extends RuntimeException {
  private final int position;

  ParseException(String input, int position, String message) {
    super(location(input, position) + ": parse error: " + message);
    this.position = position;
  }

  /** 0-based character offset into the expression where the problem was found. */
  public int position() {
    return position;
  }

  private static String location(String input, int pos) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(pos, input.length()); i++) {
      if (input.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return line + ":" + col;
  }
}
