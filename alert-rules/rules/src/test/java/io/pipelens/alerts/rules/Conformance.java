package io.pipelens.alerts.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared upstream conformance data: the first ancestor of the working directory with {@code shared/conformance}. */
public final class Conformance {
  private Conformance() {}

  public static Path dir(String sub) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared/conformance").resolve(sub);
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    throw new IllegalStateException("no shared/conformance/" + sub + " above " + Path.of("").toAbsolutePath()
        + " (the repo must be cloned next to shared/)");
  }
}
