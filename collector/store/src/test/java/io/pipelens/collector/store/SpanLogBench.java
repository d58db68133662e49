package io.pipelens.collector.store;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick micro run, not a test: CPU per span of store writes through the span log over DuckDB,
 * {@code spansPerWrite} spans per write call (a group commit), until the tail has drained into
 * DuckDB. Prints the whole process's CPU (writer + loader + DuckDB's threads + GC) and the writer
 * thread's alone, per span. The spans are built before the clock starts.
 *
 * <p>Usage: {@code java -cp <test classpath> io.pipelens.collector.store.SpanLogBench [spans]
 * [spansPerWrite] [spansPerTrace, 10] [rounds, 2]}.
 */
public final class SpanLogBench {
  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int perWrite = args.length > 1 ? Integer.parseInt(args[1]) : 800;
    int perTrace = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Files.createTempDirectory("pipelens-spanlog-bench");
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    List<List<SpanRecord>> writes = new ArrayList<>();
    for (int n = 0; n < total; ) {
      List<SpanRecord> spans = new ArrayList<>(perWrite);
      for (int i = 0; i < perWrite; i++, n++) {
        spans.add(TelemetryFixtures.span(TelemetryFixtures.traceId(n / perTrace), n, "",
            TelemetryFixtures.T0 + n * 1_000_000L));
      }
      writes.add(spans);
    }
    try (SpanLogStore store = SpanLogStore.open(dir.resolve("span-log"),
        DuckDbTelemetryStore.open(dir), SpanLogSettings.defaults(), SpanLogStore.Listener.NONE)) {
      int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
      for (int round = 0; round < rounds; round++) { // round 0 warms the JIT up
        long c0 = os.getProcessCpuTime();
        long t0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (List<SpanRecord> spans : writes) {
          store.write(List.of(TelemetryBatch.ofSpans(spans, spans.size() * 600L)));
        }
        long writerCpu = threads.getCurrentThreadCpuTime() - t0;
        long acked = System.nanoTime() - w0;
        store.flush(60_000_000_000L);
        long cpu = os.getProcessCpuTime() - c0;
        long wall = System.nanoTime() - w0;
        System.out.printf("round %d: %,d spans in writes of %d: %.2f us process cpu/span"
                + " (incl. loading into DuckDB), %.2f us writer-thread cpu/span,"
                + " %,.0f spans/s acknowledged, %,.0f spans/s loaded, %d loads%n",
            round, total, perWrite, cpu / 1e3 / total, writerCpu / 1e3 / total,
            total / (acked / 1e9), total / (wall / 1e9), store.loads());
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
