package io.pipelens.bench;

import java.util.List;
import java.util.Locale;

/** Prints the benchmark's table and the ratios the targets are stated in. */
final class Report {
  private Report() {}

  static void print(List<IngestBench.Row> rows, int spansPerRequest, long collectorSent,
      long collectorStored, long zipkinSent, long zipkinStored) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-34s %12s %16s %9s %9s %10s%n", "target", "spans/s",
        "spans/CPU-s", "p50 ms", "p99 ms", "peak RSS");
    for (IngestBench.Row row : rows) {
      LoadDriver.Result r = row.result();
      double spans = (double) r.requests() * spansPerRequest;
      System.out.printf(Locale.ROOT, "%-34s %12.0f %16.0f %9.2f %9.2f %7d MB%n", row.target(),
          spans / r.wallSeconds(), spans / Math.max(row.cpuSeconds(), 0.01),
          r.percentileMillis(0.50), r.percentileMillis(0.99), row.peakRssKb() / 1024);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "pipelens collector: sent %d spans (incl. warm-up), stored %d%n", collectorSent, collectorStored);
    System.out.printf(Locale.ROOT, "zipkin server:      sent %d spans (incl. warm-up), stored %d%n", zipkinSent, zipkinStored);
    if (rows.size() == 3) {
      double ours = rows.get(1).result().requests() / rows.get(1).result().wallSeconds();
      double theirs = rows.get(2).result().requests() / rows.get(2).result().wallSeconds();
      System.out.printf(Locale.ROOT, "Zipkin JSON spans/s, pipelens / zipkin-server: %.2fx%n", ours / theirs);
    }
  }
}
