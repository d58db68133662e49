package io.pipelens.alerts.rules;

import io.pipelens.alerts.promql.ast.Expr;
import java.util.Map;

/**
 * {@code alert:} rule.
 *
 * @param forMs how long the expression must keep returning a series before its alert fires (0:
 *     fire at the first evaluation)
 * @param keepFiringForMs how long a firing alert stays firing after the expression stopped
 *     returning it
 * @param labels label templates added to each alert
 * @param annotations annotation templates (Go text/template with $labels, $value, $externalLabels)
 */
public record AlertingRule(String name, String exprText, Expr expr, long forMs, long keepFiringForMs,
    Map<String, String> labels, Map<String, String> annotations) implements Rule {
  public AlertingRule {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
