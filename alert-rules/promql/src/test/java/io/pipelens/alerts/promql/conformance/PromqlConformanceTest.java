package io.pipelens.alerts.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every file of Prometheus's PromQL test corpus. A failing case must be on the skip list
 * (with its reason), and a listed case that passes fails the build so the list and
 * docs/promql-compat.md stay true. Prints a pass-count table per file (also written to the build
 * folder as promql-conformance-summary.md). Run with
 * {@code -Dpromql.updateCompatDoc=true} to regenerate docs/promql-compat.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromqlConformanceTest {
  private final Map<String, String> skips = SkipList.load();
  private final Map<String, List<CaseResult>> results = new TreeMap<>();

  static List<String> files() {
    return ConformanceFiles.testFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void runsUpstreamFile(String file) throws IOException {
    String text = Files.readString(ConformanceFiles.promqlDir().resolve(file), StandardCharsets.UTF_8);
    List<CaseResult> cases = new ScriptRunner(file).run(ScriptParser.parse(text));
    results.put(file, cases);
    List<String> unexpected = new ArrayList<>();
    List<String> nowPassing = new ArrayList<>();
    for (CaseResult c : cases) {
      boolean skipped = skips.containsKey(c.id());
      if (!c.passed() && !skipped) {
        unexpected.add(c.id() + (c.nativeHistograms() ? " [native histograms]" : "") + " `" + c.expr() + "`: " + c.failure());
      } else if (c.passed() && skipped) {
        nowPassing.add(c.id() + " `" + c.expr() + "` passes now: remove it from promql-conformance-skips.txt");
      }
    }
    System.out.println(file + ": " + cases.stream().filter(CaseResult::passed).count() + "/" + cases.size() + " passed");
    unexpected.forEach(u -> System.out.println("FAIL " + u.replace("\n", " ")));
    nowPassing.forEach(u -> System.out.println("NOW PASSING " + u));
    assertThat(unexpected).as("failing cases not on the skip list").isEmpty();
    assertThat(nowPassing).as("skipped cases that pass now").isEmpty();
  }

  @AfterAll
  void printSummaryAndCheckDoc() throws IOException {
    String table = CompatReport.table(results, skips);
    System.out.println(table);
    Path buildDir = Path.of(PromqlConformanceTest.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent();
    Files.writeString(buildDir.resolve("promql-conformance-summary.md"), table, StandardCharsets.UTF_8);
    if (results.size() != files().size()) {
      return; // partial run: no document check
    }
    Path doc = ConformanceFiles.repoRoot().resolve("docs/promql-compat.md");
    String generated = CompatReport.document(results, skips);
    if (Boolean.getBoolean("promql.updateCompatDoc")) {
      Files.writeString(doc, generated, StandardCharsets.UTF_8);
      return;
    }
    assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
        .as("docs/promql-compat.md is out of date; regenerate with -Dpromql.updateCompatDoc=true")
        .isEqualTo(generated);
  }
}
