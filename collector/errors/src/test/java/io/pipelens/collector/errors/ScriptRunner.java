package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real interpreter (python3, Rscript) on a script, bounded in time. */
final class ScriptRunner {

  record Result(int exitCode, String stdout, String stderr) {}

  private ScriptRunner() {}

  static Path executable(String... candidates) {
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "none of " + List.of(candidates) + " is installed (Debian: python3, r-base-core)");
  }

  static Result run(Path workDir, Path executable, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(List.of(args));
    Path out = workDir.resolve("stdout-" + System.nanoTime() + ".txt");
    Path err = workDir.resolve("stderr-" + System.nanoTime() + ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    boolean finished = p.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    assertThat(finished).as("%s finished within 60 s", cmd).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
