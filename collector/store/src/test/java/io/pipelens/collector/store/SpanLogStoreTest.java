package io.pipelens.collector.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The store contract through the span log with its default settings: right after a write the spans
 * are in the tail (nothing loaded yet), so every read answers from the tail merged with the store.
 */
class SpanLogStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore openStore(Path directory) throws Exception {
    return SpanLogStore.open(directory.resolve("span-log"), new InMemoryTelemetryStore(),
        new SpanLogSettings(50_000, Duration.ofHours(1), 200_000, 64 << 20, 1 << 20),
        SpanLogStore.Listener.NONE);
  }
}
