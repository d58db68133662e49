package io.pipelens.alerts.promql.ast;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an expression reads: its vector selectors, the metric names they name and every label name
 * the expression mentions (in matchers, grouping, vector matching and label functions). Used to
 * check dashboards and rules against the data that exists. Name sets are sorted.
 */
public record SelectorReferences(List<VectorSelector> selectors, Set<String> metricNames, Set<String> labelNames) {

  public static SelectorReferences of(Expr expr) {
    List<VectorSelector> sels = new ArrayList<>();
    Set<String> metrics = new TreeSet<>();
    Set<String> labels = new TreeSet<>();
    ExprVisitor.walk(
        expr,
        e -> {
          if (e instanceof VectorSelector vs) {
            sels.add(vs);
            for (LabelMatcher m : vs.matchers()) {
              if (!m.name().equals(Labels.METRIC_NAME)) {
                labels.add(m.name());
              } else if (m.type() == LabelMatcher.Type.EQ) {
                metrics.add(m.value());
              }
            }
          } else if (e instanceof AggregateExpr a) {
            labels.addAll(a.grouping());
          } else if (e instanceof BinaryExpr b && b.matching() != null) {
            labels.addAll(b.matching().labels());
            labels.addAll(b.matching().include());
          } else if (e instanceof Call c) {
            labels.addAll(labelArguments(c));
          }
        });
    labels.remove(Labels.METRIC_NAME);
    return new SelectorReferences(
        List.copyOf(sels),
        java.util.Collections.unmodifiableSet(metrics),
        java.util.Collections.unmodifiableSet(labels));
  }

  /** String arguments of label functions that name labels (not replacements, regexes or separators). */
  private static List<String> labelArguments(Call c) {
    String fn = c.function().name();
    List<Integer> positions = switch (fn) {
      case "label_replace" -> List.of(1, 3);
      case "label_join" -> java.util.stream.IntStream.range(1, c.args().size()).filter(i -> i != 2).boxed().toList();
      case "sort_by_label", "sort_by_label_desc" -> java.util.stream.IntStream.range(1, c.args().size()).boxed().toList();
      case "histogram_quantiles" -> List.of(1);
      default -> List.of();
    };
    List<String> out = new ArrayList<>();
    for (int i : positions) {
      Expr arg = c.args().get(i);
      while (arg instanceof ParenExpr p) {
        arg = p.expr();
      }
      if (arg instanceof StringLiteral s && !s.value().isEmpty()) {
        out.add(s.value());
      }
    }
    return out;
  }
}
