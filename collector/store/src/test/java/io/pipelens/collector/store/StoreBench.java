package io.pipelens.collector.store;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A quick micro run, not a test: write throughput (spans per CPU-second of the whole process while
 * in {@link TelemetryStore#write}) and trace-by-id latency as the DuckDB store grows.
 *
 * <p>Usage: {@code java -cp <test classpath> io.pipelens.collector.store.StoreBench [spans]
 * [spansPerCommit]}.
 */
public final class StoreBench {
  public static void main(String[] args) throws Exception {
    long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int perCommit = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    int perTrace = 10;
    Path dir = Files.createTempDirectory("pipelens-bench");
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (DuckDbTelemetryStore store = DuckDbTelemetryStore.open(dir, settings())) {
      var threads = ManagementFactory.getThreadMXBean();
      long threadCpu = 0;
      long cpu = 0;
      long wall = 0;
      long written = 0;
      long n = 0;
      Random random = new Random(1);
      while (written < total) {
        List<SpanRecord> spans = new ArrayList<>(perCommit);
        for (int i = 0; i < perCommit; i++, n++) {
          long trace = n / perTrace;
          long start = TelemetryFixtures.T0 + n * 1_000_000L + random.nextInt(500_000);
          spans.add(TelemetryFixtures.span(TelemetryFixtures.traceId(trace), n, "", start));
        }
        long t0 = threads.getCurrentThreadCpuTime();
        long c0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        store.write(List.of(TelemetryBatch.ofSpans(spans, perCommit * 600L)));
        wall += System.nanoTime() - w0;
        cpu += os.getProcessCpuTime() - c0;
        threadCpu += threads.getCurrentThreadCpuTime() - t0;
        written += perCommit;
        if (written % 250_000 == 0 || written >= total) {
          System.out.printf(
              "%,d spans: %,.0f spans/cpu-s, %,.0f spans/s wall, %.2f us process cpu/span,"
                  + " %.2f us writer-thread cpu/span, file %,d MB%n",
              written, written / (cpu / 1e9), written / (wall / 1e9), cpu / 1e3 / written,
              threadCpu / 1e3 / written,
              store.diskBytes() >> 20);
          lookups(store, written / perTrace, random);
        }
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static java.util.Map<String, String> settings() {
    java.util.Map<String, String> settings = new java.util.HashMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("duckdb.")) {
        settings.put(key.substring(7), System.getProperty(key));
      }
    }
    return settings;
  }

  private static void lookups(TelemetryStore store, long traces, Random random) throws Exception {
    int samples = 200;
    long[] nanos = new long[samples];
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    for (int i = 0; i < samples; i++) {
      String id = TelemetryFixtures.traceId((long) (random.nextDouble() * traces));
      long t0 = System.nanoTime();
      int found = store.trace(id).size();
      nanos[i] = System.nanoTime() - t0;
      if (found == 0) {
        throw new IllegalStateException("trace " + id + " not found");
      }
    }
    long cpu = os.getProcessCpuTime() - cpu0;
    Arrays.sort(nanos);
    System.out.printf(
        "  trace(id) over %d lookups: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.2f ms process cpu each%n",
        samples, nanos[samples / 2] / 1e6, nanos[samples * 99 / 100] / 1e6, nanos[samples - 1] / 1e6,
        cpu / 1e6 / samples);
  }
}
