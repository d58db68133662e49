package io.pipelens.alerts.rules.unittest;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.parse.PromqlParser;
import java.util.TreeMap;

/** Parses a series in Prometheus notation ({@code up{job="a"}}, {@code {__name__="up"}}) into labels. */
final class SeriesLabels {
  private SeriesLabels() {}

  /** @throws IllegalArgumentException or ParseException naming the problem */
  static Labels parse(String text) {
    String t = text.trim();
    if (t.isEmpty() || t.equals("{}")) {
      return Labels.EMPTY;
    }
    if (!(PromqlParser.parse(t) instanceof VectorSelector vs) || vs.offsetMs() != 0 || vs.at() != null) {
      throw new IllegalArgumentException("not a series (metric name and label pairs): " + text);
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (LabelMatcher lm : vs.matchers()) {
      if (lm.type() != LabelMatcher.Type.EQ) {
        throw new IllegalArgumentException("series labels must use '=', got " + lm.name() + lm.type().symbol() + " in " + text);
      }
      m.put(lm.name(), lm.value());
    }
    return Labels.fromMap(m);
  }
}
