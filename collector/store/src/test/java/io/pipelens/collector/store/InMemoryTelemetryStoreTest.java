package io.pipelens.collector.store;

import java.nio.file.Path;

class InMemoryTelemetryStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore openStore(Path directory) {
    return new InMemoryTelemetryStore();
  }
}
