package io.pipelens.alerts.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelens.alerts.rules.DefaultRules;
import io.pipelens.alerts.rules.RuleFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped default rules: valid, and their unit tests pass under our runner and Debian's promtool alike. */
class DefaultRulesTest {
  static final Path TESTS = Path.of("src/test/resources/rule-tests");
  static final Path RULES = Path.of("src/main/resources/rules");

  @TempDir Path tmp;

  @Test
  void allDefaultRuleFilesLoadFromTheClasspath() {
    assertThat(DefaultRules.load()).extracting(RuleFile::ruleCount).containsExactly(6, 2, 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pipelines-test.yml", "drift-test.yml", "collector-test.yml"})
  void unitTestsPassUnderOursAndPromtool(String name) throws Exception {
    Promtool.Run ours = Promtool.ours("test", TESTS.resolve(name));
    assertThat(ours.exitCode()).as("ours:\n%s", ours.stderr()).isZero();
    assumeTrue(Promtool.installed(), "promtool not installed (Debian package prometheus)");
    Promtool.Run theirs = Promtool.promtool("test", TESTS.resolve(name));
    assertThat(theirs.exitCode()).as("promtool:\n%s", theirs.stderr()).isZero();
    Promtool.Run check = Promtool.promtool("check", RULES.resolve(name.replace("-test", "")));
    assertThat(check.exitCode()).as("promtool check:\n%s", check.stderr()).isZero();
  }

  /** The unit tests can fail: a wrong expectation fails under both runners with the same message. */
  @Test
  void aWrongExpectationFailsUnderBoth() throws Exception {
    String text = Files.readString(TESTS.resolve("drift-test.yml"))
        .replace("../../../main/resources/rules/drift.yml", RULES.resolve("drift.yml").toAbsolutePath().toString())
        .replace("75% of features drifted", "74% of features drifted");
    Path bad = Files.writeString(tmp.resolve("drift-test.yml"), text);
    Promtool.Run ours = Promtool.ours("test", bad);
    assertThat(ours.exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).contains("alertname: ModelDatasetDrift, time: 1h,")
        .contains("summary=\"churn 3: 75% of features drifted\"");
    assumeTrue(Promtool.installed(), "promtool not installed (Debian package prometheus)");
    Promtool.Run theirs = Promtool.promtool("test", bad);
    assertThat(theirs.exitCode()).isEqualTo(1);
    assertThat(ours.stderr()).isEqualTo(theirs.stderr());
  }
}
