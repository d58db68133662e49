package io.pipelens.alerts.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesMainTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final RulesMain main = new RulesMain(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void checkPrintsPromtoolShapeForEachFileAndFailsIfAnyFails() throws Exception {
    Path good = Files.writeString(dir.resolve("good.yml"), "groups: [{name: g, rules: [{record: a, expr: up}]}]\n");
    Path bad = Files.writeString(dir.resolve("bad.yml"), "groups: [{name: g, rules: [{record: a, expr: 'up +'}]}]\n");
    assertThat(main.run("rules", "check", good.toString(), bad.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("Checking " + good + "\n  SUCCESS: 1 rules found\n\nChecking " + bad + "\n\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("  FAILED:\n" + bad + ": 1:46: group \"g\", rule 1, \"a\": "
        + "could not parse expression: 1:5: parse error: unexpected end of input");
  }

  @Test
  void testRunsUnitTestsWithRuleFilesRelativeToTheTestFile() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/r.yml"), "groups: [{name: g, rules: [{alert: Down, expr: up == 0, for: 1m}]}]\n");
    Path t = Files.writeString(dir.resolve("sub/t.yml"), """
        rule_files: [r.yml]
        tests:
          - interval: 1m
            input_series: [{series: 'up{job="a"}', values: '0x3'}]
            alert_rule_test:
              - {eval_time: 0m, alertname: Down, exp_alerts: []}
              - {eval_time: 1m, alertname: Down, exp_alerts: [{exp_labels: {job: a}}]}
        """);
    assertThat(main.run("test", t.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Unit Testing:  " + t + "\n  SUCCESS\n\n");
  }

  @Test
  void helpGoesToStdoutAndSucceeds() {
    assertThat(main.run("rules", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("pipelens rules test FILE...");
  }

  @Test
  void usageErrorExitsTwo() {
    assertThat(main.run("rules", "lint", "x.yml")).isEqualTo(2);
    assertThat(main.run("check")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: pipelens rules check [--lint=duplicate-rules|none] [--lint-fatal] FILE...");
  }
}
