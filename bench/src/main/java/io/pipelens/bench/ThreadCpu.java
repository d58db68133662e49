package io.pipelens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of each thread of a JVM process, from {@code /proc/PID/task/TID/stat}, grouped by what
 * the thread does. Thread names come from {@code jcmd PID Thread.print} (its {@code nid} is the
 * Linux tid), so threads the JVM does not know — DuckDB's native worker threads — are told apart
 * from Java threads even though Linux gives them their creator's name. A thread that ended during
 * the interval is not counted.
 */
final class ThreadCpu {
  private static final long TICKS_PER_SECOND = 100;
  private static final Pattern THREAD_LINE = Pattern.compile("^\"(.*?)\".*? nid=(0x[0-9a-f]+|\\d+)");

  /** The groups, in the order printed; the first matching rule wins. */
  static final List<String> GROUPS = List.of("event loops", "store writer", "span-log loader",
      "DuckDB (native)", "derivation", "vert.x workers", "JIT", "GC", "other");

  private final long pid;

  ThreadCpu(long pid) {
    this.pid = pid;
  }

  /** CPU seconds per tid so far. */
  Map<Long, Double> snapshot() {
    Map<Long, Double> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.put(Long.parseLong(task.getFileName().toString()),
              (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
          // the thread ended while listing
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/task", e);
    }
    return out;
  }

  /** CPU seconds per group between two snapshots, threads named as they are now. */
  Map<String, Double> split(Map<Long, Double> before, Map<Long, Double> after) {
    Map<Long, String> names = javaThreadNames();
    Map<String, Double> out = new LinkedHashMap<>();
    GROUPS.forEach(g -> out.put(g, 0.0));
    after.forEach((tid, cpu) -> {
      String group = names.isEmpty() ? group(comm(tid), false) : group(names.get(tid), true);
      out.merge(group, cpu - before.getOrDefault(tid, 0.0), Double::sum);
    });
    return out;
  }

  static String group(String name, boolean namesFromJvm) {
    if (name == null) {
      return namesFromJvm ? "DuckDB (native)" : "other";
    }
    if (name.startsWith("vert.x-eventloo")) {
      return "event loops";
    }
    if (name.startsWith("pipelens-store-")) {
      return "store writer";
    }
    if (name.startsWith("span-log-loader")) {
      return "span-log loader";
    }
    if (name.startsWith("pipelens-derive")) {
      return "derivation";
    }
    if (name.startsWith("vert.x-")) {
      return "vert.x workers";
    }
    if (name.startsWith("C2 CompilerThre") || name.startsWith("C1 CompilerThre")) {
      return "JIT";
    }
    if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
      return "GC";
    }
    return "other";
  }

  private Map<Long, String> javaThreadNames() {
    Map<Long, String> out = new HashMap<>();
    try {
      String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
      Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print")
          .redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Map.of();
      }
      for (String line : text.split("\n")) {
        Matcher m = THREAD_LINE.matcher(line);
        if (m.find()) {
          out.put(Long.decode(m.group(2)), m.group(1));
        }
      }
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
    return out;
  }

  private String comm(long tid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/comm")).trim();
    } catch (IOException e) {
      return null;
    }
  }

  /** One line per group: CPU seconds, share, microseconds per span. */
  static void print(String target, Map<String, Double> split, long spans) {
    double total = split.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf(Locale.ROOT, "%s, CPU by thread group (%.1f s over threads alive at the end):%n",
        target, total);
    split.forEach((group, cpu) -> System.out.printf(Locale.ROOT, "  %-18s %8.2f s %5.1f%% %7.2f us/span%n",
        group, cpu, total > 0 ? 100 * cpu / total : 0, spans > 0 ? cpu * 1e6 / spans : 0));
  }
}
