package io.pipelens.alerts.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class RuleFileParserTest {

  @Test
  void parsesGroupsAlertingAndRecordingRules() {
    RuleFile f = RuleFileParser.parse("ok.yml", """
        groups:
          - name: pipelines
            interval: 30s
            limit: 10
            labels: {team: data}
            rules:
              - record: job:errors:rate5m
                expr: sum by (job) (rate(errors_total[5m]))
                labels: {source: rule}
              - alert: HighErrors
                expr: job:errors:rate5m > 1
                for: 5m
                keep_firing_for: 10m
                labels: {severity: page}
                annotations:
                  summary: "{{ $labels.job }} errs at {{ $value }}"
        """);
    assertThat(f.ruleCount()).isEqualTo(2);
    RuleGroup g = f.groups().get(0);
    assertThat(g.intervalMs()).isEqualTo(30_000);
    assertThat(g.limit()).isEqualTo(10);
    assertThat(g.labels()).containsEntry("team", "data");
    assertThat(g.rules().get(0)).isInstanceOfSatisfying(RecordingRule.class, r -> {
      assertThat(r.name()).isEqualTo("job:errors:rate5m");
      assertThat(r.labels()).containsEntry("source", "rule");
    });
    assertThat(g.rules().get(1)).isInstanceOfSatisfying(AlertingRule.class, r -> {
      assertThat(r.forMs()).isEqualTo(300_000);
      assertThat(r.keepFiringForMs()).isEqualTo(600_000);
      assertThat(r.annotations()).containsKey("summary");
    });
  }

  @Test
  void reportsEveryValidationErrorWithFileGroupAndRule() {
    RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> RuleFileParser.parse("bad.yml", """
        groups:
          - name: a
            rules:
              - record: "bad name"
                expr: up
              - record: ok
                expr: up
                for: 5m
              - alert: Broken
                expr: sum(up
              - alert: BadLabel
                expr: up
                labels: {"0x": a}
                annotations: {text: "{{ $nope }}"}
              - expr: up
          - name: a
            rules: []
        """));
    assertThat(e.errors()).containsExactly(
        "bad.yml: 4:17: group \"a\", rule 1, \"bad name\": invalid recording rule name: bad name",
        "bad.yml: 6:17: group \"a\", rule 2, \"ok\": invalid field 'for' in recording rule",
        "bad.yml: 10:15: group \"a\", rule 3, \"Broken\": could not parse expression: "
            + e.errors().get(2).substring(e.errors().get(2).indexOf("1:")),
        "bad.yml: group \"a\", rule 4, \"BadLabel\": invalid label name: 0x",
        e.errors().get(4),
        "bad.yml: 15:9: group \"a\", rule 5, \"\": one of 'record' or 'alert' must be set",
        "bad.yml: 16:5: groupname: \"a\" is repeated in the same file");
    assertThat(e.errors().get(2)).contains("parse error");
    assertThat(e.errors().get(4)).startsWith("bad.yml: group \"a\", rule 4, \"BadLabel\": annotation \"text\": template:")
        .contains("undefined variable \"$nope\"");
  }

  @Test
  void unknownKeysAndBadDurationsAreShapeErrorsWithLines() {
    assertThatThrownBy(() -> RuleFileParser.parse("shape.yml", """
        groups:
          - name: a
            intervall: 1m
            rules:
              - alert: X
                expr: up
                for: 5 minutes
        """)).isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.errors()).containsExactly(
        "shape.yml: yaml: unmarshal errors:\n  line 3: field intervall not found in type rulefmt.RuleGroup\n"
            + "  line 7: not a valid duration string: \"5 minutes\""));
  }

  @Test
  void malformedYamlNamesTheLine() {
    assertThatThrownBy(() -> RuleFileParser.parse("broken.yml", "groups:\n  - name: [a\n"))
        .isInstanceOf(RuleFileException.class).hasMessageStartingWith("broken.yml: yaml: line ");
  }
}
