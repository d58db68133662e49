package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool check metrics} (package {@code prometheus}) on exposition text. */
final class PromtoolCheck {

  /** {@code exitCode} 0: clean; 3: parsed with lint findings; 1: not parseable. */
  record Result(int exitCode, String output) {
    boolean parsed() {
      return exitCode != 1 && !output.contains("error while linting");
    }
  }

  private PromtoolCheck() {}

  static Path promtool() {
    for (String c : new String[] {"/usr/bin/promtool", "/usr/local/bin/promtool"}) {
      if (Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    throw new IllegalStateException("promtool is not installed (Debian package: prometheus)");
  }

  static Result run(String text) throws Exception {
    Path in = Files.createTempFile("exposition", ".prom");
    Path out = Files.createTempFile("promtool", ".out");
    try {
      Files.writeString(in, text, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(promtool().toString(), "check", "metrics")
          .redirectInput(in.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean done = p.waitFor(60, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      assertThat(done).as("promtool finished within 60 s").isTrue();
      return new Result(p.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }
}
