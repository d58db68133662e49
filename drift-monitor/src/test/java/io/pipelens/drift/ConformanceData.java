package io.pipelens.drift;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared upstream conformance data: walks up from the working directory. */
public final class ConformanceData {
  private ConformanceData() {}

  public static Path resolve(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/conformance");
      if (Files.isDirectory(candidate)) {
        return candidate.resolve(relative);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "shared/conformance not found above " + Path.of("").toAbsolutePath()
            + " (expected as a sibling of the repository)");
  }
}
