package io.pipelens.collector.series;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared upstream conformance data (a {@code shared/conformance} beside the repo). */
final class Conformance {

  private Conformance() {}

  static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/conformance");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/conformance directory above " + Path.of("").toAbsolutePath());
  }
}
