package io.pipelens.alerts.promql.functions;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.MatrixSelector;
import io.pipelens.alerts.promql.ast.SubqueryExpr;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import io.pipelens.alerts.promql.parse.StringLiterals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** label_replace, label_join, absent and absent_over_time. */
final class LabelFunctions {
  private LabelFunctions() {}

  static void register(Map<String, Function> m) {
    m.put("label_replace", LabelFunctions::labelReplace);
    m.put("label_join", LabelFunctions::labelJoin);
    m.put("absent", a -> a.vector(0).isEmpty() ? absentResult(a, a.expr(0)) : new VectorV(List.of()));
    m.put("absent_over_time", a -> a.matrix(0).series().isEmpty() ? absentResult(a, a.expr(0)) : new VectorV(List.of()));
    SortFunctions.register(m);
  }

  private static VectorV labelReplace(Args a) {
    String dst = a.string(1);
    String replacement = a.string(2);
    String src = a.string(3);
    String regex = a.string(4);
    Pattern p;
    try {
      p = Pattern.compile("^(?s:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw new QueryException("invalid regular expression in label_replace(): " + regex);
    }
    checkLabelName(dst, "label_replace");
    List<VecItem> out = new ArrayList<>();
    for (VecItem i : a.vector(0)) {
      Matcher mt = p.matcher(i.labels().get(src));
      if (!mt.matches()) {
        out.add(i);
        continue;
      }
      String value = expand(replacement, mt);
      out.add(relabel(i, dst, value));
    }
    return new VectorV(out);
  }

  private static VectorV labelJoin(Args a) {
    String dst = a.string(1);
    String sep = a.string(2);
    List<String> srcs = new ArrayList<>();
    for (int k = 3; k < a.size(); k++) {
      srcs.add(a.string(k));
    }
    checkLabelName(dst, "label_join");
    List<VecItem> out = new ArrayList<>();
    for (VecItem i : a.vector(0)) {
      List<String> vals = new ArrayList<>();
      for (String s : srcs) {
        vals.add(i.labels().get(s));
      }
      out.add(relabel(i, dst, String.join(sep, vals)));
    }
    return new VectorV(out);
  }

  private static VecItem relabel(VecItem i, String dst, String value) {
    Labels l = value.isEmpty() ? i.labels().without(dst) : i.labels().with(dst, value);
    boolean dropName = i.dropName() && !dst.equals(Labels.METRIC_NAME);
    return new VecItem(l, i.t(), i.v(), dropName);
  }

  private static void checkLabelName(String name, String fn) {
    if (name.isEmpty() || !StringLiterals.isValidUtf8(name)) {
      throw new QueryException("invalid destination label name in " + fn + "(): " + StringLiterals.quote(name));
    }
  }

  /** Go regexp.Expand: $1, ${1}, $name, ${name}; $$ is a dollar; unknown groups expand to "". */
  static String expand(String template, Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      char n = template.charAt(i + 1);
      if (n == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (n == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          sb.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        end = close + 1;
      } else {
        end = i + 1;
        while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
          end++;
        }
        name = template.substring(i + 1, end);
      }
      if (name.isEmpty()) {
        sb.append(c);
        i++;
        continue;
      }
      sb.append(group(m, name));
      i = end;
    }
    return sb.toString();
  }

  private static String group(Matcher m, String name) {
    try {
      String g;
      if (name.chars().allMatch(Character::isDigit)) {
        int idx = Integer.parseInt(name);
        g = idx <= m.groupCount() ? m.group(idx) : null;
      } else {
        g = m.group(name);
      }
      return g == null ? "" : g;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Labels for absent(): equality matchers of the selector, unless a label is matched twice. */
  private static VectorV absentResult(Args a, Expr arg) {
    VectorSelector vs = null;
    if (arg instanceof VectorSelector v) {
      vs = v;
    } else if (arg instanceof MatrixSelector ms) {
      vs = ms.selector();
    } else if (arg instanceof SubqueryExpr sq && sq.expr() instanceof VectorSelector v) {
      vs = v;
    }
    Map<String, String> labels = new HashMap<>();
    if (vs != null) {
      Map<String, Integer> seen = new HashMap<>();
      for (LabelMatcher lm : vs.matchers()) {
        seen.merge(lm.name(), 1, Integer::sum);
      }
      for (LabelMatcher lm : vs.matchers()) {
        if (lm.type() == LabelMatcher.Type.EQ && !lm.name().equals(Labels.METRIC_NAME) && seen.get(lm.name()) == 1) {
          labels.put(lm.name(), lm.value());
        }
      }
    }
    return new VectorV(List.of(new VecItem(Labels.fromMap(labels), a.ts(), 1, false)));
  }
}
