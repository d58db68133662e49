package io.pipelens.alerts.template;

/** One lexical item of a template: raw text, a delimiter or a word inside an action. */
record Token(Kind kind, String text, Pos pos, int offset) {
  enum Kind {
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    SPACE,
    IDENTIFIER,
    KEYWORD,
    FIELD,
    VARIABLE,
    STRING,
    RAW_STRING,
    CHAR,
    NUMBER,
    BOOL,
    NIL,
    DOT,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    DECLARE,
    ASSIGN,
    COMMA,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }
}
