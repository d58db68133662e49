import io.pipelens.alerts.rules.runtime.AlertSender;
import io.pipelens.alerts.rules.runtime.GroupRunner;
import io.pipelens.alerts.rules.runtime.RuleManager;
import io.pipelens.alerts.rules.runtime.RuleManagerConfig;
import io.pipelens.collector.rules.SeriesStoreSource;
import io.pipelens.collector.series.Labels;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.collector.series.SeriesStoreConfig;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rule evaluation benchmark data and the pipelens side of it (see bench/README.md, "Rules").
 *
 * <pre>
 * java -cp CP bench/rules/RulesBench.java generate DIR BASE_SECONDS   # DIR/data.om (OpenMetrics) + DIR/rules.yml
 * java -cp CP bench/rules/RulesBench.java evaluate DIR BASE_SECONDS CYCLES
 * </pre>
 *
 * Data: {@value #JOBS} jobs x {@value #INSTANCES} instances = 100,000 counter series
 * {@code bench_requests_total{job,instance}}, one sample a minute for {@value #MINUTES} minutes
 * ending at BASE. Rules: {@value #GROUPS} groups x {@value #RULES_PER_GROUP} alerting rules, each
 * {@code sum by (job) (rate(bench_requests_total{job="jN"}[5m])) > X} (1,000 series read per rule).
 */
public final class RulesBench {
  static final int JOBS = 100;
  static final int INSTANCES = 1000;
  static final int MINUTES = 10;
  static final int GROUPS = 10;
  static final int RULES_PER_GROUP = 100;
  static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  static double value(int job, int instance, int minute) {
    return (double) minute * (1 + (job * 31 + instance) % 7) * 60;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    long base = Long.parseLong(args[2]);
    switch (args[0]) {
      case "generate" -> generate(dir, base);
      case "evaluate" -> evaluate(dir, base, Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("generate|evaluate, not " + args[0]);
    }
  }

  /** Median of the cycles after the first two (JIT warm-up). */
  static double median(double[] values) {
    double[] warm = Arrays.copyOfRange(values, Math.min(2, values.length - 1), values.length);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }

  static void generate(Path dir, long base) throws Exception {
    Files.createDirectories(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("data.om"))) {
      w.write("# TYPE bench_requests counter\n");
      for (int j = 0; j < JOBS; j++) {
        for (int i = 0; i < INSTANCES; i++) {
          String series = "bench_requests_total{job=\"j" + j + "\",instance=\"i" + i + "\"} ";
          for (int m = 0; m <= MINUTES; m++) {
            w.write(series + value(j, i, m) + " " + (base - (MINUTES - m) * 60L) + "\n");
          }
        }
      }
      w.write("# EOF\n");
    }
    StringBuilder rules = new StringBuilder("groups:\n");
    for (int g = 0; g < GROUPS; g++) {
      rules.append("  - name: bench").append(g).append("\n    rules:\n");
      for (int r = 0; r < RULES_PER_GROUP; r++) {
        int n = g * RULES_PER_GROUP + r;
        rules.append("      - alert: Bench").append(n).append("\n        expr: sum by (job) (rate(bench_requests_total{job=\"j")
            .append(n % JOBS).append("\"}[5m])) > ").append(n % 3 == 0 ? 0 : 1_000_000).append('\n');
      }
    }
    Files.writeString(dir.resolve("rules.yml"), rules);
  }

  static void evaluate(Path dir, long base, int cycles) {
    long loadStart = System.nanoTime();
    SeriesStore store = new SeriesStore(new SeriesStoreConfig(200_000, 3_600_000L, 100));
    for (int j = 0; j < JOBS; j++) {
      for (int i = 0; i < INSTANCES; i++) {
        Labels l = Labels.of("__name__", "bench_requests_total", "job", "j" + j, "instance", "i" + i);
        for (int m = 0; m <= MINUTES; m++) {
          store.append(l, (base - (MINUTES - m) * 60L) * 1000, value(j, i, m));
        }
      }
    }
    System.out.printf("loaded %d series in %.1f s%n", store.seriesCount(), (System.nanoTime() - loadStart) / 1e9);
    SeriesStoreSource source = new SeriesStoreSource(store);
    // 1 h interval: the schedule stays out of the way, cycles run on this thread via evaluateAll
    RuleManagerConfig config = RuleManagerConfig.of(List.of(dir.resolve("rules.yml").toString()))
        .withEvaluationIntervalMs(3_600_000);
    try (RuleManager m = new RuleManager(config, source, source, AlertSender.NONE, Clock.systemUTC())) {
      m.start();
      long t = (base + 60) * 1000;
      double[] sums = new double[cycles];
      double[] cpus = new double[cycles];
      for (int c = 0; c < cycles; c++) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        m.evaluateAll(t + c * 60_000L);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double sum = 0;
        double max = 0;
        int failures = 0;
        for (GroupRunner g : m.groups()) {
          sum += g.lastDurationSeconds();
          max = Math.max(max, g.lastDurationSeconds());
          failures += (int) g.ruleErrors().stream().filter(e -> !e.isEmpty()).count();
        }
        sums[c] = sum;
        cpus[c] = cpu;
        System.out.printf("cycle %d: wall %.3f s, cpu %.3f s, sum of group durations %.3f s, slowest group %.3f s,"
            + " failed rules %d%n", c + 1, wall, cpu, sum, max, failures);
      }
      long firing = m.groups().stream().flatMap(g -> g.alertsByRule().stream()).mapToLong(List::size).sum();
      System.out.printf("pipelens: %d rules, %d alerts (firing or pending)%n", GROUPS * RULES_PER_GROUP, firing);
      System.out.printf("pipelens: median cpu per cycle after warm-up: %.3f s%n", median(cpus));
      System.out.printf("pipelens: median sum of group durations after warm-up: %.3f s%n", median(sums));
    }
  }
}
