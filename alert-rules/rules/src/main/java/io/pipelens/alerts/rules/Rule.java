package io.pipelens.alerts.rules;

import io.pipelens.alerts.promql.ast.Expr;
import java.util.Map;

/** One rule of a group: an {@link AlertingRule} or a {@link RecordingRule}. */
public sealed interface Rule permits AlertingRule, RecordingRule {
  /** The alert name or the recorded metric name. */
  String name();

  /** The expression as written in the file. */
  String exprText();

  Expr expr();

  /** Labels added to every output series or alert (alert labels may be templates). */
  Map<String, String> labels();
}
