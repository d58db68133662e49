package io.pipelens.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends pre-encoded request bodies with a fixed number of concurrent senders, each waiting for
 * its answer before sending the next (closed loop), and records each request's latency. A request
 * answered 429/503 is retried after a short pause, as an exporter would, so sent = acknowledged.
 */
final class LoadDriver {
  record Result(
      int requests, long spansAcked, double wallSeconds, long[] latencyNanos,
      Map<Integer, Integer> statusCounts, long retries, long failures) {

    double percentileMillis(double p) {
      long[] sorted = latencyNanos.clone();
      Arrays.sort(sorted);
      int idx = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
      return sorted[Math.max(0, idx)] / 1e6;
    }
  }

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  Result run(URI uri, String contentType, List<byte[]> bodies, int spansPerRequest, int concurrency)
      throws InterruptedException {
    long[] latencies = new long[bodies.size()];
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicLong acked = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      pool.execute(() -> {
        int i;
        while ((i = next.getAndIncrement()) < bodies.size()) {
          HttpRequest request = HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
              .build();
          long t0 = System.nanoTime();
          for (int attempt = 0; attempt < 50; attempt++) {
            try {
              HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
              statuses.merge(response.statusCode(), 1, Integer::sum);
              if (response.statusCode() == 429 || response.statusCode() == 503) {
                retries.incrementAndGet();
                Thread.sleep(20);
                continue;
              }
              if (response.statusCode() / 100 == 2) {
                acked.addAndGet(spansPerRequest);
              } else {
                failures.incrementAndGet();
              }
              break;
            } catch (Exception e) {
              failures.incrementAndGet();
              break;
            }
          }
          latencies[i] = System.nanoTime() - t0;
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      throw new IllegalStateException("load did not finish in 30 minutes");
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new Result(bodies.size(), acked.get(), wall, latencies, statuses, retries.get(),
        failures.get());
  }
}
