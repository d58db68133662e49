package io.pipelens.alerts.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.promql.parse.PromqlParser;
import org.junit.jupiter.api.Test;

class SelectorReferencesTest {

  @Test
  void listsMetricAndLabelNamesOfADashboardPanel() {
    SelectorReferences refs = SelectorReferences.of(PromqlParser.parse(
        "histogram_quantile(0.95, sum by (le, pipeline) (rate(pipelens_step_duration_seconds_bucket{env=~\"$env\"}[5m])))"
            + " / on(pipeline) group_left(owner) pipelens_pipeline_info"
            + " or label_replace(up{job=\"collector\"}, \"svc\", \"$1\", \"instance\", \"(.*):.*\")"));
    assertThat(refs.metricNames())
        .containsExactly("pipelens_pipeline_info", "pipelens_step_duration_seconds_bucket", "up");
    assertThat(refs.labelNames()).containsExactly("env", "instance", "job", "le", "owner", "pipeline", "svc");
    assertThat(refs.selectors()).hasSize(3);
  }

  @Test
  void regexNameMatchersAreSelectorsButNotMetricNames() {
    SelectorReferences refs = SelectorReferences.of(PromqlParser.parse("count({__name__=~\"pipelens_.*\", stage=\"train\"})"));
    assertThat(refs.metricNames()).isEmpty();
    assertThat(refs.labelNames()).containsExactly("stage");
    assertThat(refs.selectors()).hasSize(1);
  }
}
