package io.pipelens.collector.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The store contract through the span log over DuckDB, loading after every write: the span log
 * position is recorded in DuckDB's transactions and reads merge DuckDB with the tail.
 */
class SpanLogDuckDbTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore openStore(Path directory) throws Exception {
    return SpanLogStore.open(directory.resolve("span-log"), DuckDbTelemetryStore.open(directory),
        new SpanLogSettings(1, Duration.ofMillis(1), 1, 64 << 20, 4096),
        SpanLogStore.Listener.NONE);
  }
}
