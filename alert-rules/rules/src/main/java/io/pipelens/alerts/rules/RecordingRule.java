package io.pipelens.alerts.rules;

import io.pipelens.alerts.promql.ast.Expr;
import java.util.Map;

/** {@code record:} rule: stores the expression's result under the metric name {@link #name()}. */
public record RecordingRule(String name, String exprText, Expr expr, Map<String, String> labels) implements Rule {
  public RecordingRule {
    labels = Map.copyOf(labels);
  }
}
