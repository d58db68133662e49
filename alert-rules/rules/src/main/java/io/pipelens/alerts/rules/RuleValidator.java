package io.pipelens.alerts.rules;

import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.rules.RuleFileParser.RawRule;
import java.util.List;
import java.util.Map;

/** The per-rule checks of Prometheus's rulefmt.RuleNode.Validate. */
final class RuleValidator {
  private RuleValidator() {}

  /** Validates one rule, adding problems; returns the rule when it has none. */
  static Rule validate(RawRule r, List<String> problems) {
    int before = problems.size();
    String record = r.record() == null ? "" : r.record().text();
    String alert = r.alert() == null ? "" : r.alert().text();
    if (!record.isEmpty() && !alert.isEmpty()) {
      problems.add(pos(r.record()) + "only one of 'record' and 'alert' must be set");
    }
    if (record.isEmpty() && alert.isEmpty()) {
      problems.add(pos(r.node()) + "one of 'record' or 'alert' must be set");
    }
    Expr expr = null;
    if (r.expr() == null || r.expr().text().isEmpty()) {
      problems.add(pos(r.node()) + "field 'expr' must be set in rule");
    } else {
      expr = RuleFileParser.parseExpr(r, problems);
    }
    if (!record.isEmpty()) {
      if (r.hasAnnotations() && !r.annotations().isEmpty()) {
        problems.add(pos(r.record()) + "invalid field 'annotations' in recording rule");
      }
      if (r.forMs() != 0) {
        problems.add(pos(r.record()) + "invalid field 'for' in recording rule");
      }
      if (r.keepFiringForMs() != 0) {
        problems.add(pos(r.record()) + "invalid field 'keep_firing_for' in recording rule");
      }
      if (!Names.isValidMetricName(record)) {
        problems.add(pos(r.record()) + "invalid recording rule name: " + record);
      }
    }
    for (String k : r.labels().keySet()) {
      if (!Names.isValidLabelName(k) || k.equals("__name__")) {
        problems.add("invalid label name: " + k);
      }
    }
    for (String k : r.annotations().keySet()) {
      if (!Names.isValidLabelName(k)) {
        problems.add("invalid annotation name: " + k);
      }
    }
    if (!alert.isEmpty()) {
      String tmpl = "__alert_" + alert;
      for (Map.Entry<String, String> e : r.labels().entrySet()) {
        RuleFileParser.checkTemplate(tmpl, "label \"" + e.getKey() + "\"", e.getValue(), problems);
      }
      for (Map.Entry<String, String> e : r.annotations().entrySet()) {
        RuleFileParser.checkTemplate(tmpl, "annotation \"" + e.getKey() + "\"", e.getValue(), problems);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    if (!alert.isEmpty()) {
      return new AlertingRule(alert, r.expr().text(), expr, r.forMs(), r.keepFiringForMs(), r.labels(), r.annotations());
    }
    return new RecordingRule(record, r.expr().text(), expr, r.labels());
  }

  /** A positioned problem: rendered "line:col: group ..., rule ...: message" by the parser. */
  private static String pos(io.pipelens.alerts.rules.yaml.YamlNode n) {
    return "@" + n.line() + ":" + n.column() + ": %PREFIX%";
  }
}
