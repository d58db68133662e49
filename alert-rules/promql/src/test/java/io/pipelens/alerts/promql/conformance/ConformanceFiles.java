package io.pipelens.alerts.promql.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the upstream corpus: {@code shared/conformance/promql} next to the repository (walking up
 * from the working directory), or the directory in {@code PIPELENS_CONFORMANCE_DIR}.
 */
final class ConformanceFiles {
  private ConformanceFiles() {}

  static Path promqlDir() {
    String env = System.getenv("PIPELENS_CONFORMANCE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env).resolve("promql");
    }
    Optional<Path> found = walkUp(d -> d.resolve("shared/conformance/promql"));
    return found.orElseThrow(() -> new IllegalStateException(
        "PromQL conformance corpus not found: expected shared/conformance/promql in a parent of "
            + Path.of("").toAbsolutePath() + " (or set PIPELENS_CONFORMANCE_DIR)"));
  }

  /** The repository root: the nearest parent holding mvnw. */
  static Path repoRoot() {
    return walkUp(d -> d.resolve("mvnw")).map(Path::getParent)
        .orElseThrow(() -> new IllegalStateException("repository root (with mvnw) not found above " + Path.of("").toAbsolutePath()));
  }

  static List<String> testFiles() {
    try (Stream<Path> s = Files.list(promqlDir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + promqlDir(), e);
    }
  }

  private static Optional<Path> walkUp(java.util.function.Function<Path, Path> candidate) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path c = candidate.apply(d);
      if (Files.exists(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
