package io.pipelens.alerts.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.promql.ast.SelectorReferences;
import org.junit.jupiter.api.Test;

class GrafanaVariablesTest {

  @Test
  void replacesIntervalsAndNumbersButKeepsQuotedVariables() {
    String panel = "topk($limit, sum by (pipeline) (rate(pipelens_rows_total{env=~\"$env\", job=\"${job}\"}[$__rate_interval])))"
        + " / (sum(increase(x[${__range}] offset $shift)) > $__range_s)";
    String s = GrafanaVariables.substitute(panel);
    assertThat(s).isEqualTo("topk(1, sum by (pipeline) (rate(pipelens_rows_total{env=~\"$env\", job=\"${job}\"}[5m])))"
        + " / (sum(increase(x[5m] offset 5m)) > 1)");
    SelectorReferences refs = SelectorReferences.of(PromqlParser.parse(s));
    assertThat(refs.metricNames()).containsExactly("pipelens_rows_total", "x");
    assertThat(refs.labelNames()).containsExactly("env", "job", "pipeline");
  }

  @Test
  void leavesPlainExpressionsUntouched() {
    String e = "histogram_quantile(0.9, sum by (le) (rate(d_bucket[5m])))";
    assertThat(GrafanaVariables.substitute(e)).isEqualTo(e);
  }
}
