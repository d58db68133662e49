package io.pipelens.alerts.rules.unittest;

import io.pipelens.alerts.rules.RuleFile;
import io.pipelens.alerts.rules.RuleFileException;
import io.pipelens.alerts.rules.RuleFileParser;
import io.pipelens.alerts.rules.RuleGroup;
import io.pipelens.alerts.rules.yaml.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a promtool rule unit-test file ({@code promtool test rules}) with our PromQL engine and
 * rule evaluator. Rule files are resolved relative to the test file (globs allowed in the last path
 * element). The result is promtool's list of failure messages; empty means success.
 */
public final class RuleUnitTester {
  private RuleUnitTester() {}

  public static List<String> run(Path testFile) {
    String text;
    try {
      text = Files.readString(testFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of("open " + testFile + ": " + e.getMessage());
    }
    UnitTestFile file;
    try {
      file = UnitTestFileParser.parse(text);
    } catch (IllegalArgumentException | YamlException e) {
      return List.of(e.getMessage());
    }
    long evalInterval = file.evaluationIntervalMs() == 0 ? 60_000 : file.evaluationIntervalMs();
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < file.groupEvalOrder().size(); i++) {
      if (order.put(file.groupEvalOrder().get(i), i) != null) {
        return List.of("group name repeated in evaluation order: " + file.groupEvalOrder().get(i));
      }
    }
    List<Path> ruleFiles;
    try {
      ruleFiles = resolve(testFile.toAbsolutePath().getParent(), file.ruleFiles());
    } catch (IOException | IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    List<String> errors = new ArrayList<>();
    for (UnitTestFile.TestGroup tg : file.tests()) {
      List<RuleGroup> groups = new ArrayList<>();
      List<String> loadErrors = new ArrayList<>();
      for (Path p : ruleFiles) {
        try {
          RuleFile rf = RuleFileParser.parseFile(p);
          groups.addAll(rf.groups());
        } catch (RuleFileException e) {
          loadErrors.addAll(e.errors());
        }
      }
      if (!loadErrors.isEmpty()) {
        errors.addAll(loadErrors);
        continue;
      }
      groups.sort(java.util.Comparator.comparingInt(g -> order.getOrDefault(g.name(), 0)));
      long interval = tg.intervalMs() == 0 ? evalInterval : tg.intervalMs();
      errors.addAll(new TestGroupRun(tg, interval, evalInterval, groups).run());
    }
    return errors;
  }

  private static List<Path> resolve(Path dir, List<String> names) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String n : names) {
      Path p = dir.resolve(n);
      String last = p.getFileName().toString();
      if (last.contains("*") || last.contains("?") || last.contains("[")) {
        List<Path> matched = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent(), last)) {
          ds.forEach(matched::add);
        }
        matched.sort(null);
        out.addAll(matched);
      } else {
        out.add(p);
      }
    }
    return out;
  }
}
