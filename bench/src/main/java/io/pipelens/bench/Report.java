package io.pipelens.bench;

import java.util.List;
import java.util.Locale;

/** Prints the benchmark's table and the ratios the targets are stated in. */
final class Report {
  private Report() {}

  static void print(List<IngestBench.Row> rows, int spansPerRequest, long collectorSent,
      long collectorStored, long zipkinSent, long zipkinStored) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%-34s %9s %11s %8s %11s %8s %8s %10s %9s%n", "target", "spans",
        "spans/s", "CPU s", "spans/CPU-s", "us/span", "p50 ms", "p99 ms", "peak RSS");
    for (IngestBench.Row row : rows) {
      LoadDriver.Result r = row.result();
      double spans = (double) r.requests() * spansPerRequest;
      System.out.printf(Locale.ROOT, "%-34s %9.0f %11.0f %8.1f %11.0f %8.2f %8.2f %10.2f %6d MB%n",
          row.target(), spans, spans / r.wallSeconds(), row.cpuSeconds(),
          spans / Math.max(row.cpuSeconds(), 0.01), row.cpuSeconds() * 1e6 / spans,
          r.percentileMillis(0.50), r.percentileMillis(0.99), row.peakRssKb() / 1024);
    }
    for (IngestBench.Row row : rows) {
      if (row.tailWaitSeconds() >= 0) {
        System.out.printf(Locale.ROOT, "%s: span log loaded into DuckDB %.1f s after the last "
            + "acknowledgement (CPU until then included)%n", row.target(), row.tailWaitSeconds());
      }
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
