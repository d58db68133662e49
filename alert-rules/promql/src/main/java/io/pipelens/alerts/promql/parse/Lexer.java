package io.pipelens.alerts.promql.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits a PromQL expression into tokens; comments (# to end of line) and whitespace vanish. */
final class Lexer {
  private final String in;
  private int pos;
  private int bracketDepth;
  private final List<Token> out = new ArrayList<>();

  private Lexer(String in) {
    this.in = in;
  }

  static List<Token> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.out;
  }

  private void run() {
    while (true) {
      skipSpace();
      if (pos >= in.length()) {
        out.add(new Token(TokenKind.EOF, "", pos));
        return;
      }
      int start = pos;
      char c = in.charAt(pos);
      if (Character.isDigit(c) || (c == '.' && pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1)))) {
        number(start);
      } else if (c == ':' && bracketDepth > 0) {
        pos++;
        out.add(new Token(TokenKind.COLON, ":", start));
      } else if (isIdentStart(c)) {
        while (pos < in.length() && isIdentPart(in.charAt(pos))) {
          pos++;
        }
        out.add(new Token(TokenKind.IDENTIFIER, in.substring(start, pos), start));
      } else if (c == '"' || c == '\'' || c == '`') {
        string(start, c);
      } else {
        operator(start, c);
      }
    }
  }

  private void skipSpace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '#') {
        while (pos < in.length() && in.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private void number(int start) {
    if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
      pos += 2;
      while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == start + 2 || (pos < in.length() && isIdentPart(in.charAt(pos)))) {
        throw new ParseException(in, start, "bad hexadecimal number: \"" + in.substring(start, Math.min(pos + 1, in.length())) + "\"");
      }
      out.add(new Token(TokenKind.NUMBER, in.substring(start, pos), start));
      return;
    }
    int p = pos;
    while (p < in.length() && Character.isDigit(in.charAt(p))) {
      p++;
    }
    if (p < in.length() && isUnitStart(p)) {
      // duration like 1h30m or 5ms
      while (p < in.length() && (Character.isDigit(in.charAt(p)) || isUnitChar(in.charAt(p)))) {
        p++;
      }
      pos = p;
      if (pos < in.length() && isIdentPart(in.charAt(pos)) && in.charAt(pos) != ':') {
        throw new ParseException(in, start, "bad number or duration syntax: \"" + in.substring(start, pos + 1) + "\"");
      }
      out.add(new Token(TokenKind.DURATION, in.substring(start, pos), start));
      return;
    }
    if (p < in.length() && in.charAt(p) == '.') {
      p++;
      while (p < in.length() && Character.isDigit(in.charAt(p))) {
        p++;
      }
    }
    if (p < in.length() && (in.charAt(p) == 'e' || in.charAt(p) == 'E')) {
      int q = p + 1;
      if (q < in.length() && (in.charAt(q) == '+' || in.charAt(q) == '-')) {
        q++;
      }
      if (q < in.length() && Character.isDigit(in.charAt(q))) {
        while (q < in.length() && Character.isDigit(in.charAt(q))) {
          q++;
        }
        p = q;
      }
    }
    pos = p;
    if (pos < in.length() && isIdentPart(in.charAt(pos)) && in.charAt(pos) != ':') {
      throw new ParseException(in, start, "bad number or duration syntax: \"" + in.substring(start, pos + 1) + "\"");
    }
    out.add(new Token(TokenKind.NUMBER, in.substring(start, pos), start));
  }

  private boolean isUnitStart(int p) {
    char c = in.charAt(p);
    return c == 's' || c == 'm' || c == 'h' || c == 'd' || c == 'w' || c == 'y';
  }

  private static boolean isUnitChar(char c) {
    return c == 's' || c == 'm' || c == 'h' || c == 'd' || c == 'w' || c == 'y';
  }

  private void string(int start, char quote) {
    pos++;
    while (pos < in.length() && in.charAt(pos) != quote) {
      if (in.charAt(pos) == '\\' && quote != '`') {
        pos++;
      }
      if (quote != '`' && pos < in.length() && in.charAt(pos) == '\n') {
        throw new ParseException(in, start, "unterminated quoted string " + in.substring(start, pos));
      }
      pos++;
    }
    if (pos >= in.length()) {
      throw new ParseException(in, start, "unterminated quoted string " + in.substring(start));
    }
    pos++;
    out.add(new Token(TokenKind.STRING, in.substring(start, pos), start));
  }

  private void operator(int start, char c) {
    char n = pos + 1 < in.length() ? in.charAt(pos + 1) : '\0';
    TokenKind k;
    int len = 1;
    switch (c) {
      case '(' -> k = TokenKind.LEFT_PAREN;
      case ')' -> k = TokenKind.RIGHT_PAREN;
      case '{' -> k = TokenKind.LEFT_BRACE;
      case '}' -> k = TokenKind.RIGHT_BRACE;
      case '[' -> {
        k = TokenKind.LEFT_BRACKET;
        bracketDepth++;
      }
      case ']' -> {
        k = TokenKind.RIGHT_BRACKET;
        bracketDepth = Math.max(0, bracketDepth - 1);
      }
      case ',' -> k = TokenKind.COMMA;
      case ':' -> k = TokenKind.COLON;
      case '@' -> k = TokenKind.AT;
      case '+' -> k = TokenKind.ADD;
      case '-' -> k = TokenKind.SUB;
      case '*' -> k = TokenKind.MUL;
      case '/' -> k = TokenKind.DIV;
      case '%' -> k = TokenKind.MOD;
      case '^' -> k = TokenKind.POW;
      case '=' -> {
        if (n == '=') {
          k = TokenKind.EQL;
          len = 2;
        } else if (n == '~') {
          k = TokenKind.EQL_REGEX;
          len = 2;
        } else {
          k = TokenKind.ASSIGN;
        }
      }
      case '!' -> {
        if (n == '=') {
          k = TokenKind.NEQ;
        } else if (n == '~') {
          k = TokenKind.NEQ_REGEX;
        } else {
          throw new ParseException(in, start, "unexpected character after '!': " + describe(n));
        }
        len = 2;
      }
      case '<' -> {
        k = n == '=' ? TokenKind.LTE : TokenKind.LSS;
        len = n == '=' ? 2 : 1;
      }
      case '>' -> {
        k = n == '=' ? TokenKind.GTE : TokenKind.GTR;
        len = n == '=' ? 2 : 1;
      }
      default -> throw new ParseException(in, start, "unexpected character: " + describe(c));
    }
    pos += len;
    out.add(new Token(k, in.substring(start, pos), start));
  }

  private static String describe(char c) {
    return c == '\0' ? "end of input" : "'" + c + "'";
  }

  static boolean isIdentStart(char c) {
    return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }
}
