package io.pipelens.bench;

import java.nio.file.Path;

/** Counts the spans in a stopped collector's data directory, read back from its store. */
final class PipelensStoreCount {
  private PipelensStoreCount() {}

  static long spans(Path dataDir) throws Exception {
    throw new UnsupportedOperationException("wired once the DuckDB store lands");
  }
}
