package io.pipelens.collector.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * The process {@link SpanLogDurabilityTest} kills: {@link DurabilityWorkerMain}'s batches through a
 * {@link GroupCommitWriter} into a {@link SpanLogStore} over a DuckDB store in {@code args[0]}.
 * Prints {@code ACK <id>} for every acknowledged batch and {@code LOADED <spans>} after every load.
 */
public final class SpanLogDurabilityWorkerMain {
  static final SpanLogSettings SETTINGS =
      new SpanLogSettings(2_000, Duration.ofMillis(200), 20_000, 64L << 20, 256 * 1024);

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long maxBatches = Long.parseLong(args[1]);
    SpanLogStore.Listener printLoads = new SpanLogStore.Listener() {
      @Override
      public void loaded(int spans, long nanos) {
        synchronized (System.out) {
          System.out.println("LOADED " + spans);
          System.out.flush();
        }
      }

      @Override
      public void loadFailed(Throwable error) {
        error.printStackTrace();
      }
    };
    SpanLogStore store = SpanLogStore.open(dir.resolve("span-log"),
        DuckDbTelemetryStore.open(dir), SETTINGS, printLoads);
    GroupCommitWriter writer = new GroupCommitWriter(store, 64 << 20, 4 << 20, null);
    Semaphore inFlight = new Semaphore(16);
    for (long id = 0; id < maxBatches; id++) {
      inFlight.acquire();
      long batchId = id;
      writer
          .submit(DurabilityWorkerMain.batch(batchId))
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
}
