import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.MethodChoice;
import io.pipelens.drift.report.DatasetComparator;
import io.pipelens.drift.report.DriftReport;
import java.io.BufferedWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * `pipelens drift compare` at scale: reference and current of ROWS rows each, NUMERIC numeric
 * and CATEGORICAL categorical columns (fixed seeds; every other column shifted). Times, per
 * column and on this thread's CPU clock, the exact comparison the command runs (sort + statistic
 * + p-value) for each method; writes the same data as raw files for bench/drift/scipy_compare.py
 * and as CSV for the end-to-end command run by bench/drift.sh.
 *
 * Run (single-file source): java -cp 'drift-monitor/target/pipelens-drift-*.jar:drift-monitor/target/lib/*'
 *   bench/drift/DriftCompareBench.java --rows 1000000 --numeric 20 --categorical 5 --out DIR
 */
public final class DriftCompareBench {
  public static void main(String[] args) throws Exception {
    int rows = 1_000_000;
    int numeric = 20;
    int categorical = 5;
    int repeat = 3;
    Path out = Path.of("/tmp/pipelens-drift-bench");
    boolean csv = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--numeric" -> numeric = Integer.parseInt(args[++i]);
        case "--categorical" -> categorical = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--no-csv" -> csv = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; expected --rows N --numeric N --categorical N --repeat N --out DIR --no-csv");
      }
    }
    Files.createDirectories(out);
    List<Column> ref = new ArrayList<>();
    List<Column> cur = new ArrayList<>();
    for (int c = 0; c < numeric; c++) {
      double shift = c % 2 == 0 ? 0 : 0.05;
      double[] r = normal(rows, 1000L + c, 0, c);
      double[] k = normal(rows, 5000L + c, shift, c);
      ref.add(Column.ofNumbers("n" + c, r));
      cur.add(Column.ofNumbers("n" + c, k));
      raw(out.resolve("ref_n" + c + ".f64"), r);
      raw(out.resolve("cur_n" + c + ".f64"), k);
    }
    for (int c = 0; c < categorical; c++) {
      byte[] r = categories(rows, 9000L + c, 0);
      byte[] k = categories(rows, 9500L + c, c % 2 == 0 ? 0 : 0.02);
      ref.add(Column.ofCategories("c" + c, names(r)));
      cur.add(Column.ofCategories("c" + c, names(k)));
      Files.write(out.resolve("ref_c" + c + ".u8"), r);
      Files.write(out.resolve("cur_c" + c + ".u8"), k);
    }
    Dataset reference = new Dataset(ref);
    Dataset current = new Dataset(cur);
    if (csv) {
      csv(out.resolve("reference.csv"), reference);
      csv(out.resolve("current.csv"), current);
    }

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("rows %,d vs %,d, %d numeric + %d categorical columns, best of %d, thread CPU ms%n",
        rows, rows, numeric, categorical, repeat);
    System.out.println("method       kind         columns  ms/column(best)  ms/column(median)  drifted");
    String[][] plan = {{"ks", "numeric"}, {"wasserstein", "numeric"}, {"psi", "numeric"},
        {"chisquare", "categorical"}, {"jensenshannon", "categorical"}};
    for (String[] p : plan) {
      DriftConfig config = new DriftConfig(new MethodChoice(DriftMethod.parse(p[0]), null), Map.of(),
          0.5, 1000, 5);
      List<Double> perColumn = new ArrayList<>();
      int drifted = 0;
      int columns = p[1].equals("numeric") ? numeric : categorical;
      double best = Double.MAX_VALUE;
      for (int rep = 0; rep < repeat + 1; rep++) { // the first round warms the JIT up
        long total = 0;
        drifted = 0;
        for (int c = 0; c < columns; c++) {
          String name = (p[1].equals("numeric") ? "n" : "c") + c;
          long t0 = threads.getCurrentThreadCpuTime();
          DriftReport r = DatasetComparator.compare(reference, current, config, List.of(name));
          total += threads.getCurrentThreadCpuTime() - t0;
          drifted += r.drifted();
        }
        if (rep > 0) {
          double ms = total / 1e6 / columns;
          perColumn.add(ms);
          best = Math.min(best, ms);
        }
      }
      perColumn.sort(Double::compare);
      System.out.printf("%-12s %-12s %7d  %15.1f  %17.1f  %d%n", p[0], p[1], columns, best,
          perColumn.get(perColumn.size() / 2), drifted);
    }
  }

  static double[] normal(int n, long seed, double shift, int c) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[n];
    double scale = 1 + c % 5;
    for (int i = 0; i < n; i++) {
      // Box-Muller; values rounded to 3 decimals like typical CSV data
      double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
      v[i] = Math.round((50 + (g + shift) * 10 * scale) * 1000) / 1000.0;
    }
    return v;
  }

  static byte[] categories(int n, long seed, double skew) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] v = new byte[n];
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      v[i] = (byte) (u < skew ? 0 : rnd.nextInt(10));
    }
    return v;
  }

  static String[] names(byte[] codes) {
    String[] names = new String[10];
    for (int i = 0; i < names.length; i++) {
      names[i] = "cat" + i;
    }
    String[] out = new String[codes.length];
    for (int i = 0; i < codes.length; i++) {
      out[i] = names[codes[i]];
    }
    return out;
  }

  static void raw(Path file, double[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    Files.write(file, b.array());
  }

  static void csv(Path file, Dataset d) throws IOException {
    List<String> names = d.columnNames();
    List<Column> cols = names.stream().map(n -> d.column(n).orElseThrow()).toList();
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write(String.join(",", names));
      w.newLine();
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < d.rows(); r++) {
        line.setLength(0);
        for (int c = 0; c < cols.size(); c++) {
          if (c > 0) {
            line.append(',');
          }
          Column col = cols.get(c);
          if (col.numeric()) {
            line.append(col.number(r));
          } else {
            line.append(col.key(r));
          }
        }
        w.write(line.toString());
        w.newLine();
      }
    }
  }
}
