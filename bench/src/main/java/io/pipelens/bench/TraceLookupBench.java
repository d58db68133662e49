package io.pipelens.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Trace-by-id and search latency over a large store: fills a DuckDB store with {@code --spans}
 * spans (default 10 million) through the store API, starts the collector on it and times
 * {@code --lookups} random trace lookups over HTTP, one at a time: the pipelens view ({@code
 * /api/traces/{id}}, spans and logs) and the Zipkin dialect ({@code /api/v2/trace/{id}}), then
 * searches. With {@code --zipkin-jar}, zipkin-server (in-memory storage) gets {@code
 * --zipkin-spans} of the same spans over HTTP and the same lookups, side by side.
 *
 * <p>Usage: {@code TraceLookupBench --repo DIR [--build-dir target] [--data DIR] [--spans N]
 * [--spans-per-trace 10] [--lookups 1000] [--warmup 2000] [--zipkin-jar JAR] [--zipkin-spans 1000000]
 * [--collector-jvm-opts "-XX:..."]}
 */
public final class TraceLookupBench {
  /** One per span: the pipelens view's {@code durationNanos}, Zipkin's {@code "id"}, Jaeger's {@code operationName}. */
  private static final Pattern SPAN = Pattern.compile("\"(durationNanos|id|operationName)\":");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    new TraceLookupBench().run(o);
  }

  private void run(Map<String, String> o) throws Exception {
    Path repo = Path.of(o.getOrDefault("repo", "."));
    long spans = Long.parseLong(o.getOrDefault("spans", "10000000"));
    int perTrace = Integer.parseInt(o.getOrDefault("spans-per-trace", "10"));
    int lookups = Integer.parseInt(o.getOrDefault("lookups", "1000"));
    int warmups = Integer.parseInt(o.getOrDefault("warmup", "2000"));
    Path data = Path.of(o.getOrDefault("data", "bench/target/trace-lookup-data"));
    LookupData shape = new LookupData(spans, perTrace, System.currentTimeMillis() * 1_000_000L);
    shape.fill(data);

    Path work = Files.createTempDirectory("trace-lookup-bench");
    int api = ManagedProcess.freePort();
    int zipkinPort = ManagedProcess.freePort();
    int jaegerPort = ManagedProcess.freePort();
    String cp = collectorClasspath(repo, o.getOrDefault("build-dir", "target"));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    String jvmOpts = o.getOrDefault("collector-jvm-opts", "").trim();
    if (!jvmOpts.isEmpty()) {
      cmd.addAll(List.of(jvmOpts.split("\\s+")));
    }
    cmd.addAll(List.of("-cp", cp, "io.pipelens.collector.CollectorMain"));
    Map<String, String> env = Map.of(
        "PIPELENS_COLLECTOR_HTTP_PORT", Integer.toString(api),
        "PIPELENS_COLLECTOR_OTLP_HTTP_PORT", Integer.toString(ManagedProcess.freePort()),
        "PIPELENS_COLLECTOR_OTLP_GRPC_PORT", Integer.toString(ManagedProcess.freePort()),
        "PIPELENS_COLLECTOR_ZIPKIN_PORT", Integer.toString(zipkinPort),
        "PIPELENS_COLLECTOR_JAEGER_PORT", Integer.toString(jaegerPort),
        "PIPELENS_COLLECTOR_ALERTING_PORT", Integer.toString(ManagedProcess.freePort()),
        "PIPELENS_COLLECTOR_DATA_DIR", data.toAbsolutePath().toString());
    List<String> rows = new ArrayList<>();
    try (ManagedProcess collector = ManagedProcess.start("pipelens collector", cmd, env,
        work.resolve("collector.log"))) {
      collector.awaitHealthy(URI.create("http://127.0.0.1:" + api + "/health/ready"),
          Duration.ofSeconds(600));
      ProcessStats stats = new ProcessStats(collector.pid());
      String base = "http://127.0.0.1:" + api;
      String zbase = "http://127.0.0.1:" + zipkinPort;
      String jbase = "http://127.0.0.1:" + jaegerPort;
      Random random = new Random(7);
      LongFunction<String> pick = n -> LookupData.traceId((long) (random.nextDouble() * n));
      // Warm-up of both views until the JIT has compiled the request paths (with 200 lookups C2
      // was still compiling through the measured ones, ~1 ms of CPU a request): the figures are
      // those of a collector that has been running, as one in use has.
      for (String view : List.of(base + "/api/traces/", zbase + "/api/v2/trace/",
          jbase + "/api/traces/")) {
        lookups("warm-up", view, pick, shape.traces, warmups, perTrace, stats);
      }
      rows.add(lookups("pipelens /api/traces/{id}", base + "/api/traces/", pick, shape.traces,
          lookups, perTrace, stats));
      rows.add(lookups("pipelens /api/v2/trace/{id}", zbase + "/api/v2/trace/", pick, shape.traces,
          lookups, perTrace, stats));
      rows.add(lookups("pipelens Jaeger /api/traces/{id}", jbase + "/api/traces/", pick,
          shape.traces, lookups, perTrace, stats));
      rows.add(searches("pipelens /api/traces?service=&limit=20", base + "/api/traces?limit=20&service=",
          stats));
      rows.add(searches("pipelens /api/v2/traces?serviceName=", zbase + "/api/v2/traces?serviceName=",
          stats));
    }
    String zipkinJar = o.get("zipkin-jar");
    if (zipkinJar != null) {
      rows.add(zipkin(Path.of(zipkinJar), shape, Long.parseLong(o.getOrDefault("zipkin-spans",
          "1000000")), lookups, warmups, work));
    }
    System.out.printf(Locale.ROOT, "%n%,d spans (%,d traces x %d spans), one log per trace%n",
        shape.traces * perTrace, shape.traces, perTrace);
    System.out.printf(Locale.ROOT, "%-42s %7s %8s %8s %8s %8s %12s%n", "target", "n", "p50 ms",
        "p90 ms", "p99 ms", "max ms", "CPU ms/req");
    rows.forEach(System.out::println);
  }

  private String lookups(String name, String url, LongFunction<String> pick, long traces, int n,
      int perTrace, ProcessStats stats) throws Exception {
    long[] nanos = new long[n];
    double cpu0 = stats.cpuSeconds();
    for (int i = 0; i < n; i++) {
      String id = pick.apply(traces);
      long t0 = System.nanoTime();
      HttpResponse<String> r = get(url + id);
      nanos[i] = System.nanoTime() - t0;
      if (r.statusCode() != 200 || count(r.body()) != perTrace) {
        throw new IllegalStateException(name + " " + id + ": status " + r.statusCode() + ", "
            + count(r.body()) + " spans, expected " + perTrace);
      }
    }
    return row(name, nanos, stats == null ? Double.NaN : stats.cpuSeconds() - cpu0);
  }

  private String searches(String name, String url, ProcessStats stats) throws Exception {
    long[] nanos = new long[100];
    double cpu0 = stats.cpuSeconds();
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = get(url + LookupData.SERVICES[i % LookupData.SERVICES.length]);
      nanos[i] = System.nanoTime() - t0;
      if (r.statusCode() != 200 || r.body().length() < 100) {
        throw new IllegalStateException(name + ": status " + r.statusCode() + " " + r.body());
      }
    }
    return row(name, nanos, stats.cpuSeconds() - cpu0);
  }

  private String zipkin(Path jar, LookupData shape, long spans, int lookups, int warmups, Path work)
      throws Exception {
    int port = ManagedProcess.freePort();
    long traces = Math.min(shape.traces, spans / shape.spansPerTrace);
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx4g", "-jar", jar.toString());
    try (ManagedProcess zipkin = ManagedProcess.start("zipkin server", cmd,
        Map.of("QUERY_PORT", Integer.toString(port), "STORAGE_TYPE", "mem",
            "MEM_MAX_SPANS", Long.toString(spans * 2)), work.resolve("zipkin.log"))) {
      String base = "http://127.0.0.1:" + port;
      zipkin.awaitHealthy(URI.create(base + "/health"), Duration.ofSeconds(180));
      long t0 = System.nanoTime();
      for (long first = 0; first < traces; first += 100) {
        List<zipkin2.Span> batch = new ArrayList<>();
        for (long i = first; i < Math.min(traces, first + 100); i++) {
          batch.addAll(shape.zipkinTrace(i));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/spans"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(SpanBytesEncoder.JSON_V2.encodeList(batch)))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
          throw new IllegalStateException("zipkin-server answered " + r.statusCode() + " " + r.body());
        }
      }
      System.out.printf(Locale.ROOT, "zipkin-server loaded %,d spans in %.0f s%n",
          traces * shape.spansPerTrace, (System.nanoTime() - t0) / 1e9);
      ProcessStats stats = new ProcessStats(zipkin.pid());
      Random random = new Random(7);
      LongFunction<String> pick = n -> LookupData.traceId((long) (random.nextDouble() * n));
      lookups("warm-up", base + "/api/v2/trace/", pick, traces, warmups, shape.spansPerTrace, stats);
      return lookups(String.format(Locale.ROOT, "zipkin-server (mem, %,d spans) /api/v2/trace", traces
          * shape.spansPerTrace), base + "/api/v2/trace/", pick, traces, lookups,
          shape.spansPerTrace, stats);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String body) {
    Matcher m = SPAN.matcher(body);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String row(String name, long[] nanos, double cpuSeconds) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "%-42s %7d %8.2f %8.2f %8.2f %8.2f %12.2f", name, s.length,
        ms(s, 0.50), ms(s, 0.90), ms(s, 0.99), s[s.length - 1] / 1e6, cpuSeconds * 1000 / s.length);
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  static String collectorClasspath(Path repo, String buildDir) throws Exception {
    Path target = repo.resolve("collector/server").resolve(buildDir);
    try (var files = Files.list(target)) {
      Path jar = files.filter(p -> p.getFileName().toString()
              .matches("pipelens-collector-.*(?<!tests|sources)\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("collector not built in " + target
              + ": run bench/trace-lookup.sh (it packages the collector)"));
      return jar + ":" + target.resolve("lib") + "/*";
    }
  }
}
