package io.pipelens.collector.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The store contract through the span log when every write fills the tail: each write waits until
 * the previous one is loaded, so reads answer from the store behind the log, with small segments
 * that roll and are deleted as they are loaded.
 */
class SpanLogStoreLoadingTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore openStore(Path directory) throws Exception {
    return SpanLogStore.open(directory.resolve("span-log"), new InMemoryTelemetryStore(),
        new SpanLogSettings(1, Duration.ofMillis(1), 1, 64 << 20, 4096),
        SpanLogStore.Listener.NONE);
  }
}
