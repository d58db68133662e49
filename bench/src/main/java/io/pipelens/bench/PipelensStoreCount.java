package io.pipelens.bench;

import io.pipelens.collector.store.DuckDbTelemetryStore;
import java.nio.file.Path;

/** Counts the spans in a stopped collector's data directory, read back from its store. */
final class PipelensStoreCount {
  private PipelensStoreCount() {}

  static long spans(Path dataDir) throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dataDir)) {
      return store.stats().spans();
    }
  }
}
