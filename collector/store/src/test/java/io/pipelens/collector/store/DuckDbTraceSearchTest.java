package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DuckDB store's search answers after a restart: it reads the file, not a cache. */
class DuckDbTraceSearchTest {
  @TempDir Path directory;

  @Test
  void servicesOperationsAndSearchSurviveARestart() throws Exception {
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(directory)) {
      store.write(List.of(TelemetryBatch.ofSpans(List.of(
          TraceSearchContract.simple(1, 1, "scorer", "predict", T0),
          TraceSearchContract.simple(2, 1, "trainer", "fit", T0 + 1)), 100)));
    }

    try (DuckDbTelemetryStore reopened = DuckDbTelemetryStore.open(directory)) {
      assertThat(reopened.services()).containsExactly("scorer", "trainer");
      assertThat(reopened.operations("trainer")).containsExactly(new Operation("fit", 2));
      assertThat(reopened.findTraceIds(TraceQuery.all().withServiceName("scorer")))
          .containsExactly(traceId(1));
    }
  }
}
