package io.pipelens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** CPU time and resident memory of another process, read from Linux's /proc. */
final class ProcessStats implements AutoCloseable {
  /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on Linux x86-64. */
  private static final long TICKS_PER_SECOND = 100;
  private final long pid;
  private final AtomicLong peakRssKb = new AtomicLong();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rss-sampler");
    t.setDaemon(true);
    return t;
  });

  ProcessStats(long pid) {
    this.pid = pid;
    sampler.scheduleAtFixedRate(() -> peakRssKb.accumulateAndGet(rssKb(), Math::max), 0, 50,
        TimeUnit.MILLISECONDS);
  }

  /** User + system CPU seconds the process has used so far. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": field 3 is f[0]; utime is field 14 -> f[11], stime field 15 -> f[12]
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
    }
  }

  long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** Resets the peak so it covers only what follows. */
  void resetPeak() {
    peakRssKb.set(rssKb());
  }

  long peakRssKb() {
    return Math.max(peakRssKb.get(), rssKb());
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
