package io.pipelens.collector;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared upstream conformance data: a {@code shared/conformance} next to the repo. */
final class Conformance {
  private Conformance() {}

  static Path otlp(String file) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/conformance/otlp").resolve(file);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("shared/conformance/otlp/" + file + " not found above "
        + Path.of("").toAbsolutePath() + " (clone the repo next to shared/)");
  }
}
