package io.pipelens.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Waits until the collector has loaded everything it acknowledged into DuckDB, so a phase's CPU
 * includes that load: polls {@code /metrics} until {@code pipelens_store_span_log_tail_spans} is 0.
 * A collector without the gauge (no span log: acknowledged data is already in DuckDB) needs no wait.
 */
final class SpanLogTailWait {
  static final String GAUGE = "pipelens_store_span_log_tail_spans";
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI metrics;

  SpanLogTailWait(URI metrics) {
    this.metrics = metrics;
  }

  /** @return seconds waited, or -1 when the collector has no span log gauge */
  double await(Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      OptionalDouble tail = tailSpans();
      if (tail.isEmpty()) {
        return -1;
      }
      if (tail.getAsDouble() == 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("span log tail still " + (long) tail.getAsDouble()
            + " spans after " + timeout + " (" + metrics + ")");
      }
      Thread.sleep(200);
    }
  }

  OptionalDouble tailSpans() throws Exception {
    return parse(scrape(), GAUGE);
  }

  /** A metric of the collector's {@code /metrics}, summed over its label sets; empty when absent. */
  OptionalDouble metric(String name) throws Exception {
    return parse(scrape(), name);
  }

  private String scrape() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(metrics + " answered " + r.statusCode());
    }
    return r.body();
  }

  static OptionalDouble parse(String text) {
    return parse(text, GAUGE);
  }

  /** A metric's value (summed over label sets) in Prometheus text, empty when absent. */
  static OptionalDouble parse(String text, String name) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith(name) && (line.length() == name.length()
          || line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')) {
        String[] parts = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+");
        String value = line.contains("}") ? parts[0] : line.substring(name.length()).trim().split("\\s+")[0];
        sum += Double.parseDouble(value);
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
