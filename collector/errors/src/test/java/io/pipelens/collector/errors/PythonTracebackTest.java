package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses tracebacks printed by a real CPython (/usr/bin/python3) and groups them. */
class PythonTracebackTest {

  private static final Path PYTHON = ScriptRunner.executable("/usr/bin/python3", "/usr/local/bin/python3");

  @TempDir Path dir;

  private static String pipeline(String padding, String raise) {
    return """
        import json
        %s
        def score_row(row):
            if row > 2:
                %s
            return row

        def score_model(rows):
        %s
            return [score_row(r) for r in rows]

        def run_pipeline():
            return score_model(range(5))

        run_pipeline()
        """.formatted(padding, raise, padding.isEmpty() ? "" : "    # scoring step\n" + padding);
  }

  private String traceback(String name, String script) throws Exception {
    Path sub = Files.createDirectories(dir.resolve(name));
    Files.writeString(sub.resolve("pipeline.py"), script);
    ScriptRunner.Result r = ScriptRunner.run(sub, PYTHON, "pipeline.py");
    assertThat(r.exitCode()).as("python exit code, stderr: %s", r.stderr()).isEqualTo(1);
    return r.stderr();
  }

  private static ErrorOccurrence occurrence(String traceback) {
    ParsedStack s = StackTraces.parse(Language.UNKNOWN, traceback, "", InAppRules.defaults());
    String fp = Fingerprints.of(s.language(), s.type(), s.message(), s);
    return new ErrorOccurrence("", "", "svc", s.language(), 1, ErrorSource.LOG_EXCEPTION, s.type(),
        s.message(), traceback, s.frames(), false, "", "", fp);
  }

  @Test
  void parsesFramesOfNestedFunctionsInnermostFirst() throws Exception {
    String tb = traceback("a", pipeline("", "raise ValueError(f\"bad row {row}\")"));

    ParsedStack s = StackTraces.parse(Language.UNKNOWN, tb, "", InAppRules.defaults());

    assertThat(s.language()).isEqualTo(Language.PYTHON);
    assertThat(s.type()).isEqualTo("ValueError");
    assertThat(s.message()).isEqualTo("bad row 3");
    assertThat(s.frames()).extracting(StackFrame::function)
        .containsSubsequence("score_row", "score_model", "run_pipeline", "<module>");
    StackFrame raising = s.frames().get(0);
    assertThat(raising.module()).isEqualTo("pipeline");
    assertThat(raising.file()).endsWith("/a/pipeline.py");
    assertThat(raising.line()).isEqualTo(5);
    assertThat(raising.inApp()).isTrue();
  }

  @Test
  void sameBugGroupsAcrossRunsWithDifferentLinesAndDirectories() throws Exception {
    String first = traceback("run1", pipeline("", "raise ValueError(f\"bad row {row}\")"));
    String second = traceback("run2", pipeline("\n# a comment\n\n\n", "raise ValueError(f\"bad row {row}\")"));
    ErrorOccurrence a = occurrence(first);
    ErrorOccurrence b = occurrence(second);

    assertThat(a.frames().get(0).line()).isNotEqualTo(b.frames().get(0).line());
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
  }

  @Test
  void differentTypeOrRaisingFunctionAreDistinctGroups() throws Exception {
    String base = occurrence(traceback("base", pipeline("", "raise ValueError(f\"bad row {row}\")"))).fingerprint();
    String otherType = occurrence(traceback("type", pipeline("", "raise KeyError(row)"))).fingerprint();
    String otherFunction = occurrence(traceback("fn", pipeline("", "return json.loads('{bad')")
        .replace("score_row(r) for r in rows", "score_row(r) for r in rows if r < 3] + [parse_row(r) for r in rows if r >= 3")
        .replace("def score_model", "def parse_row(row):\n    raise ValueError(f\"bad row {row}\")\n\ndef score_model"))).fingerprint();

    assertThat(base).isNotEqualTo(otherType).isNotEqualTo(otherFunction);
    assertThat(otherType).isNotEqualTo(otherFunction);
  }

  @Test
  void stdlibFramesAreNotInAppAndChainsAreFollowed() throws Exception {
    String script = """
        import json

        class ConfigError(Exception):
            pass

        def load_config(text):
            try:
                return json.loads(text)
            except ValueError as e:
                raise ConfigError("config is not JSON") from e

        def start():
            try:
                load_config("{bad")
            except ConfigError:
                cleanup()

        def cleanup():
            raise RuntimeError("cleanup failed")

        start()
        """;
    String tb = traceback("chain", script);

    ParsedStack s = StackTraces.parse(Language.PYTHON, tb, "", InAppRules.defaults());

    assertThat(s.exceptions()).extracting(ExceptionBlock::type)
        .containsExactly("RuntimeError", "ConfigError", "json.decoder.JSONDecodeError");
    assertThat(s.exceptions()).extracting(ExceptionBlock::relation)
        .containsExactly(ExceptionBlock.Relation.REPORTED, ExceptionBlock.Relation.CONTEXT, ExceptionBlock.Relation.CAUSE);
    assertThat(s.message()).isEqualTo("cleanup failed");
    assertThat(s.frames().get(0).function()).isEqualTo("cleanup");
    ExceptionBlock json = s.exceptions().get(2);
    assertThat(json.frames()).anySatisfy(f -> {
      assertThat(f.file()).contains("/json/");
      assertThat(f.inApp()).isFalse();
    });
    assertThat(json.frames()).filteredOn(StackFrame::inApp).extracting(StackFrame::function)
        .containsExactly("load_config");
  }

  private static String groupScript(String secondError) {
    return """
        def validate(row):
            if row == 1:
                raise ValueError(f"bad row {row}")
            if row == 2:
                %s

        def run_all():
            errors = []
            for row in range(3):
                try:
                    validate(row)
                except Exception as e:
                    errors.append(e)
            raise ExceptionGroup("step failures", errors)

        run_all()
        """.formatted(secondError);
  }

  @Test
  void exceptionGroupsKeepTheGroupFramesAndTheirSubExceptions() throws Exception {
    String tb = traceback("group", groupScript("raise KeyError(\"col\")"));

    ParsedStack s = StackTraces.parse(Language.UNKNOWN, tb, "", InAppRules.defaults());

    assertThat(s.language()).isEqualTo(Language.PYTHON);
    assertThat(s.type()).isEqualTo("ExceptionGroup");
    assertThat(s.message()).isEqualTo("step failures (2 sub-exceptions)");
    assertThat(s.frames()).extracting(StackFrame::function).containsExactly("run_all", "<module>");
    assertThat(s.exceptions()).extracting(ExceptionBlock::type).containsExactly("ExceptionGroup", "ValueError", "KeyError");
    assertThat(s.exceptions().get(1).frames()).extracting(StackFrame::function).containsExactly("validate", "run_all");
    String other = occurrence(traceback("group2", groupScript("raise TypeError(\"col\")"))).fingerprint();
    assertThat(occurrence(tb).fingerprint()).isNotEqualTo(other);
  }
}
