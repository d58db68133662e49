package io.pipelens.alerts.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipelens.alerts.rules.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our {@code rules test}/{@code rules check} against Debian's promtool on Prometheus's own
 * promtool test files: same verdict (exit code) on every file, and the same failure text where
 * the difference is not in code we do not own (PromQL error wording and ordering).
 */
class PromtoolOracleTest {
  /** Files whose failure messages must match promtool's byte for byte. */
  static final Set<String> SAME_FAILURES = Set.of("failing.yml", "start-time-test.yml", "unittest.yml");

  @BeforeAll
  static void needPromtool() {
    assumeTrue(Promtool.installed(), "promtool not installed (Debian package prometheus)");
  }

  static Stream<Path> testFiles() throws IOException {
    try (Stream<Path> s = Files.list(Conformance.dir("promtool"))) {
      return s.filter(p -> p.toString().endsWith(".yml")).filter(PromtoolOracleTest::isTestFile).sorted().toList().stream();
    }
  }

  static boolean isTestFile(Path p) {
    try {
      return Files.readString(p).lines().anyMatch(l -> l.startsWith("tests:"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("testFiles")
  void unitTestVerdictMatchesPromtool(Path file) throws Exception {
    Promtool.Run theirs = Promtool.promtool("test", file);
    Promtool.Run ours = Promtool.ours("test", file);
    assertThat(ours.exitCode()).as("exit code on %s\npromtool:\n%s%s\nours:\n%s%s", file.getFileName(), theirs.stdout(),
        theirs.stderr(), ours.stdout(), ours.stderr()).isEqualTo(theirs.exitCode());
    if (SAME_FAILURES.contains(file.getFileName().toString())) {
      assertThat(ours.stderr()).isEqualTo(theirs.stderr());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rules.yml", "rules-bad.yml", "at-modifier.yml", "negative-offset.yml"})
  void checkVerdictAndRuleCountMatchPromtool(String name) throws Exception {
    Path file = Conformance.dir("promtool").resolve(name);
    Promtool.Run theirs = Promtool.promtool("check", file);
    Promtool.Run ours = Promtool.ours("check", file);
    assertThat(ours.exitCode()).isEqualTo(theirs.exitCode());
    assertThat(ours.stdout().replace(file.toString(), name)).isEqualTo(theirs.stdout());
    assertThat(ours.stderr().replace(file.toString(), name)).isEqualTo(theirs.stderr());
  }

  @org.junit.jupiter.api.Test
  void duplicateRulesLintMatchesPromtool(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("dup.yml"), """
        groups:
          - name: a
            rules:
              - {record: foo, expr: up, labels: {x: y, a: b}}
              - {alert: Foo, expr: up}
          - name: b
            rules:
              - {record: foo, expr: up + 1, labels: {a: b, x: y}}
              - {alert: Foo, expr: up == 2}
              - {record: bar, expr: up}
        """);
    Promtool.Run theirs = Promtool.promtool("check", file);
    Promtool.Run ours = Promtool.ours("check", file);
    assertThat(ours.exitCode()).isZero().isEqualTo(theirs.exitCode());
    assertThat(ours.stderr()).contains("lint error 2 duplicate rule(s) found.").isEqualTo(theirs.stderr());
    assertThat(ours.stdout().replace(file.toString(), "dup.yml")).isEqualTo(theirs.stdout());
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(sink, true, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(new RulesMain(ps, ps).run("check", "--lint-fatal", file.toString())).isEqualTo(3);
    assertThat(new RulesMain(ps, ps).run("check", "--lint=none", file.toString())).isZero();
  }
}
