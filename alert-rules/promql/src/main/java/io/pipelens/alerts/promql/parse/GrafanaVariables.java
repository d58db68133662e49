package io.pipelens.alerts.promql.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a Grafana panel expression parseable by replacing template variables outside string
 * literals with stand-ins: {@code [$__rate_interval]} and other variables inside brackets or after
 * {@code offset} become {@code 5m}; {@code $__range_s}-style numbers and any other variable become
 * {@code 1}. Variables inside quotes ({@code job=~"$job"}) are left alone. Use it to check which
 * metrics and labels a dashboard reads, not to evaluate the dashboard.
 */
public final class GrafanaVariables {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]+}|\\$\\w+|\\[\\[\\w+(?::\\w+)?]]");

  private GrafanaVariables() {}

  /** The expression with every unquoted variable replaced; quoted text is copied unchanged. */
  public static String substitute(String expr) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = closing(expr, i);
        out.append(expr, i, end);
        i = end;
        continue;
      }
      Matcher m = VARIABLE.matcher(expr).region(i, expr.length());
      if ((c == '$' || expr.startsWith("[[", i)) && m.lookingAt()) {
        out.append(standIn(out, m.group()));
        i = m.end();
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static String standIn(CharSequence before, String variable) {
    String name = variable.replaceAll("[${}\\[\\]]", "");
    if (name.endsWith("_s") || name.endsWith("_ms")) {
      return "1";
    }
    String prefix = before.toString().stripTrailing();
    boolean durationContext = prefix.endsWith("[") || prefix.endsWith(":") || prefix.endsWith("offset");
    return durationContext ? "5m" : "1";
  }

  private static int closing(String s, int open) {
    char q = s.charAt(open);
    for (int i = open + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\' && q != '`') {
        i++;
      } else if (s.charAt(i) == q) {
        return i + 1;
      }
    }
    return s.length();
  }
}
