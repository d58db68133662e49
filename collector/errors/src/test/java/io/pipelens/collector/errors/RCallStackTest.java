package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses call stacks captured by a real R (Rscript) the way the pipelens R client captures them:
 * {@code sys.calls()} in a calling handler, one deparsed call per line, plus R's own {@code
 * traceback()} format with srcrefs and the uncaught-error text Rscript prints.
 */
class RCallStackTest {

  private static final Path RSCRIPT = ScriptRunner.executable("/usr/bin/Rscript", "/usr/local/bin/Rscript");

  @TempDir Path dir;

  /** score.R: the pipeline code; {@code padding} shifts line numbers, {@code raise} is the bug. */
  private static String scoreR(String padding, String raise) {
    return """
        %s
        score_row <- function(row) {
          if (row > 2) %s
          row
        }
        score_model <- function(rows) {
          out <- numeric(0)
          for (r in rows) out <- c(out, score_row(r))
          out
        }
        run_pipeline <- function(rows) score_model(rows)
        """.formatted(padding, raise);
  }

  private static final String CAPTURE = """
      options(keep.source = TRUE)
      source("score.R", keep.source = TRUE)
      line <- function(call) paste(deparse(call, width.cutoff = 500L), collapse = " ")
      tryCatch(withCallingHandlers(run_pipeline(1:5), error = function(e) {
        calls <- sys.calls()
        cat("---TYPE\\n", class(e)[1], "\\n", sep = "")
        cat("---MESSAGE\\n", conditionMessage(e), "\\n", sep = "")
        cat("---CALLS\\n")
        for (i in seq_along(calls)) cat(i, ": ", line(calls[[i]]), "\\n", sep = "")
        cat("---PLAIN\\n")
        for (i in seq_along(calls)) cat(line(calls[[i]]), "\\n", sep = "")
        cat("---TRACEBACK\\n")
        traceback(rev(calls))
        cat("---END\\n")
      }), error = function(e) invisible(NULL))
      """;

  record Capture(String type, String message, String calls, String plain, String traceback) {}

  private Capture capture(String name, String scoreR) throws Exception {
    Path sub = Files.createDirectories(dir.resolve(name));
    Files.writeString(sub.resolve("score.R"), scoreR);
    Files.writeString(sub.resolve("main.R"), CAPTURE);
    ScriptRunner.Result r = ScriptRunner.run(sub, RSCRIPT, "main.R");
    assertThat(r.exitCode()).as("Rscript exit code, stderr: %s", r.stderr()).isZero();
    String out = r.stdout();
    return new Capture(section(out, "TYPE", "MESSAGE").strip(), section(out, "MESSAGE", "CALLS").strip(),
        section(out, "CALLS", "PLAIN"), section(out, "PLAIN", "TRACEBACK"), section(out, "TRACEBACK", "END"));
  }

  private static String section(String out, String from, String to) {
    int a = out.indexOf("---" + from + "\n");
    int b = out.indexOf("---" + to + "\n");
    assertThat(a).as("section %s in R output:%n%s", from, out).isNotNegative();
    return out.substring(a + from.length() + 4, b);
  }

  private static String fingerprint(Capture c, String text) {
    ParsedStack s = StackTraces.parse(Language.R, text, c.type(), InAppRules.defaults());
    return Fingerprints.of(Language.R, s.type(), c.message(), s);
  }

  @Test
  void parsesSysCallsNumberedAndPlainWithInAppFramesInnermostFirst() throws Exception {
    Capture c = capture("a", scoreR("", "stop(\"bad row \", row)"));
    assertThat(c.type()).isEqualTo("simpleError");
    assertThat(c.message()).isEqualTo("bad row 3");

    for (String text : new String[] {c.calls(), c.plain()}) {
      ParsedStack s = StackTraces.parse(Language.UNKNOWN, text, c.type(), InAppRules.defaults());
      assertThat(s.language()).isEqualTo(Language.R);
      assertThat(s.type()).isEqualTo("simpleError");
      assertThat(s.frames()).filteredOn(StackFrame::inApp).extracting(StackFrame::function)
          .containsExactly("score_row", "score_model", "run_pipeline");
      assertThat(s.frames()).extracting(StackFrame::function)
          .containsSubsequence(".handleSimpleError", "stop", "score_row", "score_model", "run_pipeline", "withCallingHandlers", "tryCatch");
    }
  }

  @Test
  void parsesTracebackFormatWithSourceReferences() throws Exception {
    Capture c = capture("tb", scoreR("", "stop(\"bad row \", row)"));

    ParsedStack s = StackTraces.parse(Language.R, c.traceback(), c.type(), InAppRules.defaults());

    assertThat(c.traceback()).contains("at score.R#");
    StackFrame stop = s.frames().stream().filter(f -> f.function().equals("stop")).findFirst().orElseThrow();
    assertThat(stop.file()).isEqualTo("score.R");
    assertThat(stop.line()).isEqualTo(3);
    assertThat(stop.inApp()).isFalse();
    assertThat(s.frames()).filteredOn(StackFrame::inApp).extracting(StackFrame::function)
        .containsExactly("score_row", "score_model", "run_pipeline");
    // Both capture formats of the same error group together.
    assertThat(fingerprint(c, c.traceback())).isEqualTo(fingerprint(c, c.calls())).isEqualTo(fingerprint(c, c.plain()));
  }

  @Test
  void groupingIsStableAcrossLineShiftsAndDistinctForDifferentBugs() throws Exception {
    String raise = "stop(\"bad row \", row)";
    Capture first = capture("run1", scoreR("", raise));
    Capture shifted = capture("run2", scoreR("# header comment\n\n\n", raise));
    Capture otherType = capture("type", scoreR("", "stop(structure(class = c(\"dataError\", \"error\", \"condition\"), list(message = paste(\"bad row\", row), call = sys.call())))"));
    Capture otherFunction = capture("fn", scoreR("", "stop(\"bad row \", row)")
        .replace("score_model <- function(rows) {", "score_model <- function(rows) {\n  if (length(rows) > 4) stop(\"bad row \", 3)"));

    assertThat(StackTraces.parse(Language.R, shifted.traceback(), "", InAppRules.defaults()).frames())
        .anySatisfy(f -> assertThat(f.line()).isEqualTo(6));
    assertThat(otherType.type()).isEqualTo("dataError");
    String fp = fingerprint(first, first.traceback());
    assertThat(fingerprint(shifted, shifted.traceback())).isEqualTo(fp);
    assertThat(fingerprint(shifted, shifted.calls())).isEqualTo(fp);
    assertThat(fingerprint(otherType, otherType.calls())).isNotEqualTo(fp);
    assertThat(fingerprint(otherFunction, otherFunction.calls())).isNotEqualTo(fp)
        .isNotEqualTo(fingerprint(otherType, otherType.calls()));
  }

  @Test
  void parsesTheUncaughtErrorTextRscriptPrints() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("uncaught"));
    Files.writeString(sub.resolve("score.R"), scoreR("", "stop(\"bad row \", row)"));
    Files.writeString(sub.resolve("main.R"), "source(\"score.R\")\nrun_pipeline(1:5)\n");
    ScriptRunner.Result r = ScriptRunner.run(sub, RSCRIPT, "main.R");
    assertThat(r.exitCode()).isEqualTo(1);

    ParsedStack s = StackTraces.parse(Language.UNKNOWN, r.stderr(), "", InAppRules.defaults());

    assertThat(r.stderr()).startsWith("Error in score_row(r) : bad row 3");
    assertThat(s.language()).isEqualTo(Language.R);
    assertThat(s.type()).isEqualTo("simpleError");
    assertThat(s.message()).isEqualTo("bad row 3");
    assertThat(s.frames()).extracting(StackFrame::function)
        .containsExactly("score_row", "score_model", "run_pipeline");
  }
}
