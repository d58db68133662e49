package io.pipelens.alerts.template;

import io.pipelens.alerts.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits template source into tokens, applying the {{- and -}} trim markers and dropping comments. */
final class Lexer {
  private static final Set<String> KEYWORDS =
      Set.of("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

  private final String name;
  private final String src;
  private final List<Token> out = new ArrayList<>();
  private int pos;
  private int parenDepth;
  private int[] lineStarts;

  Lexer(String name, String src) {
    this.name = name;
    this.src = src;
  }

  List<Token> lex() {
    while (pos < src.length()) {
      int open = src.indexOf("{{", pos);
      if (open < 0) {
        emit(Kind.TEXT, pos, src.length());
        pos = src.length();
        break;
      }
      boolean trimLeft =
          src.startsWith("{{-", open) && open + 3 < src.length() && isSpace(src.charAt(open + 3));
      int textEnd = open;
      if (trimLeft) {
        while (textEnd > pos && Character.isWhitespace(src.charAt(textEnd - 1))) textEnd--;
      }
      if (textEnd > pos) emit(Kind.TEXT, pos, textEnd);
      pos = open + (trimLeft ? 3 : 2);
      lexAction(open);
    }
    out.add(new Token(Kind.EOF, "", posOf(src.length()), src.length()));
    return out;
  }

  private void lexAction(int open) {
    // comments: {{/* ... */}} possibly with trim markers
    int p = pos;
    while (p < src.length() && Character.isWhitespace(src.charAt(p))) p++;
    if (src.startsWith("/*", p)) {
      int end = src.indexOf("*/", p + 2);
      if (end < 0) throw TemplateException.at(name, posOf(open), "unclosed comment");
      int q = end + 2;
      boolean trimRight = false;
      if (src.startsWith(" -}}", q)) {
        trimRight = true;
        q += 4;
      } else if (src.startsWith("}}", q)) {
        q += 2;
      } else {
        throw TemplateException.at(name, posOf(end), "comment ends before closing delimiter");
      }
      pos = q;
      if (trimRight) skipSpace();
      return;
    }
    out.add(new Token(Kind.LEFT_DELIM, "{{", posOf(open), open));
    parenDepth = 0;
    while (true) {
      if (pos >= src.length()) throw TemplateException.at(name, posOf(open), "unclosed action");
      char c = src.charAt(pos);
      if (isSpace(c)) {
        int start = pos;
        while (pos < src.length() && isSpace(src.charAt(pos))) pos++;
        if (src.startsWith("-}}", pos) && pos > start) {
          out.add(new Token(Kind.RIGHT_DELIM, "}}", posOf(pos), pos));
          pos += 3;
          skipSpace();
          return;
        }
        out.add(new Token(Kind.SPACE, " ", posOf(start), start));
        continue;
      }
      if (src.startsWith("}}", pos)) {
        if (parenDepth > 0) throw TemplateException.at(name, posOf(pos), "unclosed left paren");
        out.add(new Token(Kind.RIGHT_DELIM, "}}", posOf(pos), pos));
        pos += 2;
        return;
      }
      int start = pos;
      switch (c) {
        case '|' -> single(Kind.PIPE);
        case '(' -> {
          parenDepth++;
          single(Kind.LEFT_PAREN);
        }
        case ')' -> {
          if (--parenDepth < 0) throw TemplateException.at(name, posOf(pos), "unexpected right paren");
          single(Kind.RIGHT_PAREN);
        }
        case ',' -> single(Kind.COMMA);
        case '=' -> single(Kind.ASSIGN);
        case ':' -> {
          if (!src.startsWith(":=", pos)) throw TemplateException.at(name, posOf(pos), "expected :=");
          pos += 2;
          out.add(new Token(Kind.DECLARE, ":=", posOf(start), start));
        }
        case '"' -> quoted('"', Kind.STRING);
        case '`' -> quoted('`', Kind.RAW_STRING);
        case '\'' -> quoted('\'', Kind.CHAR);
        case '$' -> {
          pos++;
          while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
          out.add(new Token(Kind.VARIABLE, src.substring(start, pos), posOf(start), start));
        }
        case '.' -> {
          if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
            number();
          } else {
            pos++;
            if (pos < src.length() && isAlnum(src.charAt(pos))) {
              while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
              out.add(new Token(Kind.FIELD, src.substring(start, pos), posOf(start), start));
            } else {
              out.add(new Token(Kind.DOT, ".", posOf(start), start));
            }
          }
        }
        default -> {
          if (c == '-' || c == '+' || Character.isDigit(c)) {
            number();
          } else if (isAlnum(c)) {
            while (pos < src.length() && isAlnum(src.charAt(pos))) pos++;
            String word = src.substring(start, pos);
            Kind k =
                KEYWORDS.contains(word) ? Kind.KEYWORD
                    : word.equals("true") || word.equals("false") ? Kind.BOOL
                    : word.equals("nil") ? Kind.NIL
                    : Kind.IDENTIFIER;
            out.add(new Token(k, word, posOf(start), start));
          } else {
            throw TemplateException.at(name, posOf(pos), "unexpected " + describe(c) + " in action");
          }
        }
      }
    }
  }

  private static String describe(char c) {
    return "\"" + c + "\"";
  }

  private void number() {
    int start = pos;
    if (src.charAt(pos) == '+' || src.charAt(pos) == '-') pos++;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_'
          || ((c == '+' || c == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'))) {
        pos++;
      } else {
        break;
      }
    }
    String text = src.substring(start, pos);
    if (text.equals("-") || text.equals("+")) {
      throw TemplateException.at(name, posOf(start), "bad number syntax: \"" + text + "\"");
    }
    out.add(new Token(Kind.NUMBER, text, posOf(start), start));
  }

  private void quoted(char q, Kind kind) {
    int start = pos++;
    while (true) {
      if (pos >= src.length()) throw TemplateException.at(name, posOf(start), "unterminated quoted string");
      char c = src.charAt(pos);
      if (c == '\\' && q != '`') {
        pos += 2;
        continue;
      }
      if (c == '\n' && q != '`') throw TemplateException.at(name, posOf(start), "unterminated quoted string");
      pos++;
      if (c == q) break;
    }
    out.add(new Token(kind, src.substring(start, pos), posOf(start), start));
  }

  private void single(Kind k) {
    out.add(new Token(k, String.valueOf(src.charAt(pos)), posOf(pos), pos));
    pos++;
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isAlnum(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  Pos posOf(int offset) {
    if (lineStarts == null) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < src.length(); i++) {
        if (src.charAt(i) == '\n') starts.add(i + 1);
      }
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }
    int idx = java.util.Arrays.binarySearch(lineStarts, offset);
    int line = idx >= 0 ? idx : -idx - 2;
    return new Pos(line + 1, offset - lineStarts[line] + 1);
  }

  private void emit(Kind k, int from, int to) {
    out.add(new Token(k, src.substring(from, to), posOf(from), from));
  }
}
