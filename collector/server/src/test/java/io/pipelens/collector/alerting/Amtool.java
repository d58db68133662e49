package io.pipelens.collector.alerting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's real {@code amtool} (package prometheus-alertmanager), run with a 60 s limit. */
final class Amtool {
  static final Path BINARY = Path.of("/usr/bin/amtool");

  record Result(int exit, String out, String err) {
    /** Non-empty lines of the output. */
    List<String> lines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private Amtool() {}

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY.toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("amtool", ".out");
    Path err = Files.createTempFile("amtool", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      // amtool reads ~/.config/amtool/config.yml: keep a developer's own settings out of the test
      pb.environment().put("HOME", out.getParent().toString());
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("amtool " + args[0] + " did not finish in 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
