package io.pipelens.alerts.rules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's promtool (the oracle) and our RulesMain the same way and captures what they print. */
public final class Promtool {
  public static final Path BINARY = Path.of("/usr/bin/promtool");

  private Promtool() {}

  public record Run(int exitCode, String stdout, String stderr) {}

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** {@code promtool <command> rules <file>} run in the file's directory. */
  public static Run promtool(String command, Path file) throws IOException, InterruptedException {
    Path out = Files.createTempFile("promtool", ".out");
    Path err = Files.createTempFile("promtool", ".err");
    try {
      Process p = new ProcessBuilder(List.of(BINARY.toString(), command, "rules", file.getFileName().toString()))
          .directory(file.toAbsolutePath().getParent().toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
          .start();
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("promtool finished on %s", file).isTrue();
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** {@code pipelens rules <command> <file>} in-process. */
  public static Run ours(String command, Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new RulesMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run("rules", command, file.toString());
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
