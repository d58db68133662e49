package io.pipelens.alerts.promql.parse;

/** A lexed token: kind, raw text and 0-based character position in the expression. */
record Token(TokenKind kind, String text, int pos) {

  boolean isKeyword(String word) {
    return kind == TokenKind.IDENTIFIER && text.equalsIgnoreCase(word);
  }

  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case IDENTIFIER -> "identifier \"" + text + "\"";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      case STRING -> "string " + text;
      default -> kind.description();
    };
  }
}
