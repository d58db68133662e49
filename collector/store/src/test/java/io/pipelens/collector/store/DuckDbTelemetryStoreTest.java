package io.pipelens.collector.store;

import java.nio.file.Path;

class DuckDbTelemetryStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore openStore(Path directory) throws StoreException {
    return DuckDbTelemetryStore.open(directory.resolve("data"));
  }
}
