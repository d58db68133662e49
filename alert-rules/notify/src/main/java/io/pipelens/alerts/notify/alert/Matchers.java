package io.pipelens.alerts.notify.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses Alertmanager matcher strings: {@code foo="bar"}, {@code foo=~"a|b"}, {@code {a="b",c!="d"}}. */
public final class Matchers {
  private Matchers() {}

  public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) return false;
    }
    return true;
  }

  /**
   * Parses one matcher string which may hold several comma-separated matchers, optionally in
   * braces. Values may be double-quoted (with escapes) or bare.
   *
   * @throws IllegalArgumentException naming the problem and the input
   */
  public static List<Matcher> parse(String input) {
    String s = input.strip();
    if (s.startsWith("{")) {
      if (!s.endsWith("}")) throw new IllegalArgumentException("missing closing '}' in matcher " + input);
      s = s.substring(1, s.length() - 1).strip();
    }
    List<Matcher> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      int nameStart = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.'
          || s.charAt(i) == ':')) i++;
      String name = s.substring(nameStart, i);
      if (name.isEmpty()) throw new IllegalArgumentException("expected a label name in matcher \"" + input + "\"");
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      Matcher.Type type;
      if (s.startsWith("=~", i)) type = Matcher.Type.RE;
      else if (s.startsWith("!~", i)) type = Matcher.Type.NRE;
      else if (s.startsWith("!=", i)) type = Matcher.Type.NE;
      else if (s.startsWith("=", i)) type = Matcher.Type.EQ;
      else throw new IllegalArgumentException("expected one of =, !=, =~, !~ after \"" + name + "\" in matcher \"" + input + "\"");
      i += type.op().length();
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      StringBuilder value = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < s.length()) {
          char c = s.charAt(i++);
          if (c == '\\' && i < s.length()) {
            char e = s.charAt(i++);
            value.append(e == 'n' ? '\n' : e);
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) throw new IllegalArgumentException("unterminated quoted value in matcher \"" + input + "\"");
      } else {
        while (i < s.length() && s.charAt(i) != ',') value.append(s.charAt(i++));
        String v = value.toString().strip();
        value.setLength(0);
        value.append(v);
      }
      out.add(Matcher.of(name, type, value.toString()));
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
      if (i < s.length()) {
        if (s.charAt(i) != ',') throw new IllegalArgumentException("expected ',' at position " + (i + 1) + " of matcher \"" + input + "\"");
        i++;
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException("empty matcher");
    return out;
  }
}
