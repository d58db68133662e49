package io.pipelens.dashboards;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.SelectorReferences;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.parse.GrafanaVariables;
import io.pipelens.alerts.promql.parse.ParseException;
import io.pipelens.alerts.promql.parse.PromqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that every dashboard query parses with pipelens' own PromQL parser (Grafana variables
 * substituted) and selects only metric names and labels a {@link MetricCatalog} has. Names and
 * labels that a catalog cannot have are passed in with the reason, so none is skipped silently.
 */
final class QueryMetricCheck {
  private final MetricCatalog catalog;
  private final Map<String, String> exemptMetrics;
  private final Map<String, String> exemptLabels;

  /**
   * @param exemptMetrics metric name → why the catalog cannot have it; its labels are not checked
   * @param exemptLabels label name → why no metric of the catalog carries it
   */
  QueryMetricCheck(MetricCatalog catalog, Map<String, String> exemptMetrics, Map<String, String> exemptLabels) {
    this.catalog = catalog;
    this.exemptMetrics = exemptMetrics;
    this.exemptLabels = exemptLabels;
  }

  /** One message per problem, naming the query, the metric or label and the catalog; empty when all is known. */
  List<String> problems(List<DashboardQuery> queries) {
    List<String> out = new ArrayList<>();
    for (DashboardQuery q : queries) {
      check(q, out);
    }
    return out;
  }

  private void check(DashboardQuery q, List<String> out) {
    Expr expr;
    try {
      expr = PromqlParser.parse(GrafanaVariables.substitute(q.expr()));
    } catch (ParseException e) {
      out.add(q.where() + ": pipelens' PromQL parser rejects `" + q.expr() + "`: " + e.getMessage());
      return;
    }
    SelectorReferences refs = SelectorReferences.of(expr);
    Set<String> available = new TreeSet<>();
    Set<String> matched = new TreeSet<>();
    boolean allKnown = true;
    for (VectorSelector vs : refs.selectors()) {
      Optional<String> name = metricName(vs);
      if (name.isEmpty()) {
        out.add(q.where() + ": a selector without a metric name in `" + q.expr() + "`");
        allKnown = false;
        continue;
      }
      Optional<Set<String>> labels = catalog.labels(name.get());
      if (labels.isEmpty()) {
        allKnown = false;
        if (!exemptMetrics.containsKey(name.get())) {
          out.add(q.where() + ": metric `" + name.get() + "` is not in " + catalog.source());
        }
        continue;
      }
      available.addAll(labels.get());
      for (LabelMatcher m : vs.matchers()) {
        matched.add(m.name());
        if (!m.name().equals(Labels.METRIC_NAME) && !labels.get().contains(m.name())
            && !exemptLabels.containsKey(m.name())) {
          out.add(q.where() + ": label `" + m.name() + "` of `" + name.get() + "` is not in "
              + catalog.source() + " (it has " + labels.get() + ")");
        }
      }
      if (q.isVariable() && !labels.get().contains(q.variableLabel()) && !exemptLabels.containsKey(q.variableLabel())) {
        out.add(q.where() + ": lists label `" + q.variableLabel() + "` of `" + name.get() + "`, which is not in "
            + catalog.source() + " (it has " + labels.get() + ")");
      }
    }
    if (!allKnown) {
      return; // grouping labels may belong to a metric whose labels are not known here
    }
    for (String label : refs.labelNames()) {
      if (!available.contains(label) && !matched.contains(label) && !exemptLabels.containsKey(label)) {
        out.add(q.where() + ": label `" + label + "` (grouping, matching or label function) is on none of "
            + refs.metricNames() + " in " + catalog.source());
      }
    }
  }

  private static Optional<String> metricName(VectorSelector vs) {
    return vs.matchers().stream()
        .filter(m -> m.name().equals(Labels.METRIC_NAME) && m.type() == LabelMatcher.Type.EQ)
        .map(LabelMatcher::value).findFirst();
  }
}
