package io.pipelens.dashboards;

import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of the repository, found by walking up from the module directory Maven runs tests in. */
final class RepoPaths {
  private RepoPaths() {}

  /** The repository root: the first ancestor holding both docs/metrics.md and dashboards/generated. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/metrics.md")) && Files.isDirectory(dir.resolve("dashboards/generated"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root (docs/metrics.md + dashboards/generated) not found above "
        + Path.of("").toAbsolutePath());
  }

  static Path generated() {
    return root().resolve("dashboards/generated");
  }

  static Path docs() {
    return root().resolve("docs");
  }
}
