package io.pipelens.collector.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The process {@link DurabilityTest} kills: writes batches through a {@link GroupCommitWriter}
 * into a DuckDB store in {@code args[0]} and prints {@code ACK <id>} for every acknowledged batch.
 * Batch {@code id} holds {@value #SPANS_PER_BATCH} spans of trace {@code traceId(id)}. Stops by
 * itself after {@code args[1]} batches so a broken test cannot leave it running.
 */
public final class DurabilityWorkerMain {
  static final int SPANS_PER_BATCH = 20;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long maxBatches = Long.parseLong(args[1]);
    DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir);
    GroupCommitWriter writer = new GroupCommitWriter(store, 64 << 20, 4 << 20, null);
    Semaphore inFlight = new Semaphore(16);
    System.out.println("READY");
    System.out.flush();
    for (long id = 0; id < maxBatches; id++) {
      inFlight.acquire();
      long batchId = id;
      writer
          .submit(batch(batchId))
          .whenComplete(
              (ok, error) -> {
                inFlight.release();
                if (error == null) {
                  synchronized (System.out) {
                    System.out.println("ACK " + batchId);
                    System.out.flush();
                  }
                }
              });
    }
    writer.close();
    store.close();
  }

  static TelemetryBatch batch(long id) {
    List<SpanRecord> spans = new ArrayList<>(SPANS_PER_BATCH);
    for (int i = 0; i < SPANS_PER_BATCH; i++) {
      spans.add(
          TelemetryFixtures.span(
              TelemetryFixtures.traceId(id), id * SPANS_PER_BATCH + i, "", TelemetryFixtures.T0 + id));
    }
    return TelemetryBatch.ofSpans(spans, SPANS_PER_BATCH * 600L);
  }
}
