import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.samples.SampleBatch;
import io.pipelens.drift.samples.SampleBatchParser;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.WindowPolicy;
import io.pipelens.drift.window.WindowVerdict;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Streaming samples of FEATURES numeric features into one model's windows, as the collector's
 * drift worker does: pre-built batches (BATCH rows each) go through DriftMonitor.accept; windows
 * of WINDOW rows close and are compared with a REFERENCE-row reference. Reports rows/s on this
 * thread's CPU clock and wall clock, and the heap used right after a full GC every 1M rows
 * (taken outside the timed part), so flat memory shows as a flat column. A second phase adds
 * decoding the JSON wire format (SampleBatchParser), what POST /v1/drift/samples costs on top.
 *
 * Run (single-file source): java -Xmx512m -cp 'drift-monitor/target/pipelens-drift-*.jar:drift-monitor/target/lib/*'
 *   bench/drift/DriftStreamBench.java --rows 20000000
 */
public final class DriftStreamBench {
  public static void main(String[] args) {
    long rows = 20_000_000;
    int features = 20;
    int batch = 1000;
    int window = 50_000;
    int referenceRows = 100_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--features" -> features = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--window" -> window = Integer.parseInt(args[++i]);
        case "--reference" -> referenceRows = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; expected --rows N --features N --batch N --window N --reference N");
      }
    }
    List<Column> ref = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      ref.add(Column.ofNumbers("f" + f, normal(referenceRows, f, 0)));
    }
    ReferenceProfile reference = ReferenceProfile.of(new Dataset(ref), List.of(),
        ProfileOptions.DEFAULTS, "bench reference");
    // 64 distinct batches, every 4th one shifted, cycled through
    List<SampleBatch> batches = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    for (int b = 0; b < 64; b++) {
      Map<String, Column> cols = new LinkedHashMap<>();
      StringBuilder json = new StringBuilder("{\"model\":\"bench\",\"version\":\"1\",\"columns\":{");
      for (int f = 0; f < features; f++) {
        double[] v = normal(batch, 1000L * b + f, b % 4 == 0 ? 0.3 : 0);
        cols.put("f" + f, Column.ofNumbers("f" + f, v));
        json.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":[");
        for (int r = 0; r < v.length; r++) {
          json.append(r == 0 ? "" : ",").append(v[r]);
        }
        json.append(']');
      }
      batches.add(new SampleBatch("bench", "1", null, null, cols, null, null, null, batch));
      bodies.add(json.append("}}").toString().getBytes(StandardCharsets.UTF_8));
    }
    System.out.printf("%d features, reference %,d rows, windows of %,d rows, batches of %,d rows%n",
        features, referenceRows, window, batch);
    run("accept (decoded batches)", reference, batches, null, rows, window);
    run("parse JSON + accept", reference, batches, bodies, rows / 4, window);
  }

  static void run(String label, ReferenceProfile reference, List<SampleBatch> batches,
      List<byte[]> bodies, long rows, int window) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    DriftMonitor monitor = new DriftMonitor("bench", reference, DriftConfig.DEFAULTS,
        WindowPolicy.byRows(window, 0, 1), Clock.systemUTC());
    // warm-up
    for (int i = 0; i < 200; i++) {
      monitor.accept(bodies == null ? batches.get(i % batches.size())
          : SampleBatchParser.parse(bodies.get(i % bodies.size())));
    }
    long cpu = 0;
    long wall = 0;
    long done = 0;
    long windows = 0;
    long alarms = 0;
    long nextSample = 0;
    List<String> heap = new ArrayList<>();
    int i = 0;
    while (done < rows) {
      if (done >= nextSample) {
        System.gc();
        heap.add(String.format("%.1f", used() / 1048576.0));
        nextSample += 1_000_000;
      }
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int k = 0; k < 100; k++, i++) {
        SampleBatch b = bodies == null ? batches.get(i % batches.size())
            : SampleBatchParser.parse(bodies.get(i % bodies.size()));
        for (WindowVerdict v : monitor.accept(b)) {
          windows++;
          alarms += v.report() != null && v.report().datasetDrift() ? 1 : 0;
        }
        done += b.rows();
      }
      cpu += threads.getCurrentThreadCpuTime() - c0;
      wall += System.nanoTime() - w0;
    }
    System.gc();
    heap.add(String.format("%.1f", used() / 1048576.0));
    System.out.printf("%-26s %,12d rows  %,10.0f rows/CPU-s  %,10.0f rows/s wall  %,d windows (%d with dataset drift)%n",
        label, done, done / (cpu / 1e9), done / (wall / 1e9), windows, alarms);
    System.out.println("  heap MiB after GC, every 1M rows: " + String.join(" ", heap));
  }

  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static double[] normal(int n, long seed, double shift) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
      v[i] = Math.round((g + shift) * 1e6) / 1e6;
    }
    return v;
  }
}
