package io.pipelens.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest benchmark: the pipelens collector (OTLP/HTTP protobuf and Zipkin JSON, durable acks)
 * beside the Zipkin server (in-memory storage) on the identical Zipkin JSON load, in one run.
 *
 * <p>Usage: {@code IngestBench --repo DIR --zipkin-jar JAR [--requests N] [--warmup N]
 * [--zipkin-requests N] [--zipkin-warmup N] [--zipkin-heap 1g] [--heap 1g]
 * [--spans-per-request N] [--concurrency N] [--collector-jvm-opts "..."] [--work DIR]
 * [--build-dir target]}. See bench/README.md.
 */
public final class IngestBench {

  record Row(String target, LoadDriver.Result result, double cpuSeconds, long peakRssKb,
      double tailWaitSeconds) {}

  /** One phase's load: warm-up bodies, then the measured ones. */
  record Load(List<byte[]> warm, List<byte[]> measured) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Args.parse(args);
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath();
    Path zipkinJar = Path.of(Args.require(opts, "zipkin-jar"));
    int requests = Args.positive(opts, "requests", 20_000);
    int warmup = Args.positive(opts, "warmup", 10_000);
    int zipkinRequests = Math.min(requests, Args.positive(opts, "zipkin-requests", 3_000));
    int zipkinWarmup = Args.positive(opts, "zipkin-warmup", 1_500);
    int spansPerRequest = Args.positive(opts, "spans-per-request", 100);
    int concurrency = Args.positive(opts, "concurrency", 8);
    Path work = Files.createDirectories(Path.of(opts.getOrDefault("work", "bench/target/run")));
    String heap = opts.getOrDefault("heap", "1g");
    String zipkinHeap = opts.getOrDefault("zipkin-heap", "1g");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> collectorJvm = new ArrayList<>(List.of(javaBin, "-Xmx" + heap));
    String extraOpts = opts.getOrDefault("collector-jvm-opts", "");
    if (!extraOpts.isBlank()) {
      collectorJvm.addAll(List.of(extraOpts.trim().split("\\s+")));
    }

    int apiPort = ManagedProcess.freePort();
    int otlpHttpPort = ManagedProcess.freePort();
    int otlpGrpcPort = ManagedProcess.freePort();
    int zipkinIngestPort = ManagedProcess.freePort();
    int zipkinServerPort = ManagedProcess.freePort();
    Path dataDir = Files.createTempDirectory(work, "pipelens-data");
    String collectorCp = CollectorClasspath.of(repo, opts.getOrDefault("build-dir", "target"));

    LoadDriver driver = new LoadDriver();
    List<Row> rows = new ArrayList<>();
    long collectorSpansSent = 2L * (requests + warmup) * spansPerRequest;
    long zipkinSpansSent = (long) (zipkinRequests + zipkinWarmup) * spansPerRequest;
    SpanShapes shapes = new SpanShapes();
    int[] nextId = {0};

    try (ManagedProcess collector = ManagedProcess.start("pipelens collector",
            concat(collectorJvm, "-cp", collectorCp, "io.pipelens.collector.CollectorMain"),
            Map.of(
                "PIPELENS_COLLECTOR_HTTP_PORT", Integer.toString(apiPort),
                "PIPELENS_COLLECTOR_OTLP_HTTP_PORT", Integer.toString(otlpHttpPort),
                "PIPELENS_COLLECTOR_OTLP_GRPC_PORT", Integer.toString(otlpGrpcPort),
                "PIPELENS_COLLECTOR_ZIPKIN_PORT", Integer.toString(zipkinIngestPort),
                "PIPELENS_COLLECTOR_JAEGER_PORT", Integer.toString(ManagedProcess.freePort()),
                "PIPELENS_COLLECTOR_DATA_DIR", dataDir.toString()),
            work.resolve("collector.log"));
        ManagedProcess zipkin = ManagedProcess.start("zipkin server",
            List.of(javaBin, "-Xmx" + zipkinHeap, "-jar", zipkinJar.toString()),
            Map.of("QUERY_PORT", Integer.toString(zipkinServerPort),
                "STORAGE_TYPE", "mem",
                "MEM_MAX_SPANS", Long.toString(zipkinSpansSent * 2)),
            work.resolve("zipkin.log"))) {
      collector.awaitHealthy(URI.create("http://127.0.0.1:" + apiPort + "/health/ready"), Duration.ofSeconds(180)); // minutes under a loaded machine
      zipkin.awaitHealthy(URI.create("http://127.0.0.1:" + zipkinServerPort + "/health"), Duration.ofSeconds(180));

      List<String> zipkinTraceIds = new ArrayList<>();
      try (ProcessStats cstats = new ProcessStats(collector.pid());
          ProcessStats zstats = new ProcessStats(zipkin.pid())) {
        URI otlpUri = URI.create("http://127.0.0.1:" + otlpHttpPort + "/v1/traces");
        URI zipkinOnCollector = URI.create("http://127.0.0.1:" + zipkinIngestPort + "/api/v2/spans");
        URI zipkinOnZipkin = URI.create("http://127.0.0.1:" + zipkinServerPort + "/api/v2/spans");
        Collected collected = new Collected(new ThreadCpu(collector.pid()),
            new SpanLogTailWait(URI.create("http://127.0.0.1:" + apiPort + "/metrics")));

        Load otlp = encode(warmup, requests, n -> shapes.otlpProtobuf(shapes.request(nextId[0]++, spansPerRequest)));
        rows.add(phase("pipelens OTLP/HTTP protobuf", driver, otlpUri, "application/x-protobuf",
            otlp, spansPerRequest, concurrency, cstats, collected));
        otlp = null; // the bodies of one phase at a time: 2M+ spans of Zipkin JSON take gigabytes

        // the identical logical spans (same ids) go to the collector and, in part, to Zipkin
        List<byte[]> zipkinMeasured = new ArrayList<>();
        Load zipkinA = encode(warmup, requests, n -> {
          List<SpanShapes.LogicalSpan> spans = shapes.request(nextId[0]++, spansPerRequest);
          byte[] body = shapes.zipkinJson(spans);
          if (n >= warmup && zipkinMeasured.size() < zipkinRequests) {
            zipkinTraceIds.add(SpanShapes.hex(spans.get(0).traceId()));
            zipkinMeasured.add(body);
          }
          return body;
        });
        rows.add(phase("pipelens Zipkin JSON", driver, zipkinOnCollector, "application/json",
            zipkinA, spansPerRequest, concurrency, cstats, collected));
        zipkinA = null;

        Load zipkinB = encode(zipkinWarmup, 0, n -> {
          List<SpanShapes.LogicalSpan> spans = shapes.request(nextId[0]++, spansPerRequest);
          zipkinTraceIds.add(SpanShapes.hex(spans.get(0).traceId()));
          return shapes.zipkinJson(spans);
        });
        rows.add(phase("zipkin-server Zipkin JSON (mem)", driver, zipkinOnZipkin, "application/json",
            new Load(zipkinB.warm(), zipkinMeasured), spansPerRequest, concurrency, zstats, null));
      }
      long zipkinStored = StoredCounts.zipkinSpans(zipkinServerPort, zipkinTraceIds);
      collector.close();
      long collectorStored = StoredCounts.pipelensSpans(dataDir);
      Report.print(rows, spansPerRequest, collectorSpansSent, collectorStored, zipkinSpansSent, zipkinStored);
      // ~2 GB a run: runs kept filling the disk. The counts above are all that is read from it.
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** What is measured on the collector beyond its process totals. */
  record Collected(ThreadCpu threads, SpanLogTailWait tail) {}

  private static Load encode(int warm, int measured, java.util.function.IntFunction<byte[]> body) {
    System.out.printf(Locale.ROOT, "encoding %d + %d requests ...%n", warm, measured);
    List<byte[]> w = new ArrayList<>(warm);
    List<byte[]> m = new ArrayList<>(measured);
    for (int i = 0; i < warm + measured; i++) {
      (i < warm ? w : m).add(body.apply(i));
    }
    return new Load(w, m);
  }

  private static List<String> concat(List<String> head, String... rest) {
    List<String> out = new ArrayList<>(head);
    out.addAll(List.of(rest));
    return out;
  }

  /**
   * Warm-up, then the measured run. For the collector ({@code collected} not null) the end CPU is
   * read only once everything acknowledged is loaded into DuckDB, and the per-thread split printed.
   */
  private static Row phase(String target, LoadDriver driver, URI uri, String contentType, Load load,
      int spansPerRequest, int concurrency, ProcessStats stats, Collected collected) throws Exception {
    driver.run(uri, contentType, load.warm(), spansPerRequest, concurrency);
    double tailWait = -1;
    if (collected != null) {
      collected.tail().await(Duration.ofMinutes(10)); // the warm-up's load is not charged to the run
    }
    stats.resetPeak();
    Map<Long, Double> threads0 = collected == null ? null : collected.threads().snapshot();
    double[] commits0 = collected == null ? null : commits(collected.tail());
    double cpu0 = stats.cpuSeconds();
    LoadDriver.Result r = driver.run(uri, contentType, load.measured(), spansPerRequest, concurrency);
    if (collected != null) {
      tailWait = collected.tail().await(Duration.ofMinutes(10));
    }
    double cpu = stats.cpuSeconds() - cpu0;
    System.out.printf(Locale.ROOT, "%-34s done: %d requests, statuses %s, retries %d, failures %d%n",
        target, r.requests(), r.statusCounts(), r.retries(), r.failures());
    if (collected != null) {
      ThreadCpu.print(target, collected.threads().split(threads0, collected.threads().snapshot()),
          (long) r.requests() * spansPerRequest);
      double[] commits = commits(collected.tail());
      double count = commits[1] - commits0[1];
      if (count > 0) {
        System.out.printf(Locale.ROOT, "  store commits: %.0f, %.2f requests each%n", count,
            (commits[0] - commits0[0]) / count);
      }
    }
    return new Row(target, r, cpu, stats.peakRssKb(), tailWait);
  }

  /** The collector's {@code pipelens_store_commit_batches} sum and count (requests, commits). */
  private static double[] commits(SpanLogTailWait metrics) throws Exception {
    return new double[] {
      metrics.metric("pipelens_store_commit_batches_sum").orElse(0),
      metrics.metric("pipelens_store_commit_batches_count").orElse(0)};
  }

  /** Minimal {@code --key value} parsing. */
  static final class Args {
    static Map<String, String> parse(String[] args) {
      Map<String, String> out = new java.util.HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --key value pairs, got: " + args[i]);
        }
        out.put(args[i].substring(2), args[++i]);
      }
      return out;
    }

    static int positive(Map<String, String> opts, String key, int otherwise) {
      String v = opts.get(key);
      if (v == null) {
        return otherwise;
      }
      try {
        int n = Integer.parseInt(v.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("--" + key + " must be a positive whole number, got '" + v + "'");
    }

    static String require(Map<String, String> opts, String key) {
      String v = opts.get(key);
      if (v == null) {
        throw new IllegalArgumentException("missing --" + key);
      }
      return v;
    }
  }

  /** The collector's classpath from the built module (target/*.jar + target/lib/*). */
  static final class CollectorClasspath {
    static String of(Path repo, String buildDir) throws java.io.IOException {
      Path target = repo.resolve("collector/server").resolve(buildDir);
      try (var files = Files.list(target)) {
        Path jar = files.filter(p -> p.getFileName().toString().matches("pipelens-collector-.*(?<!tests|sources)\\.jar"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("collector not built in " + target + ": see bench/ingest.sh"));
        return jar + ":" + target.resolve("lib") + "/*";
      }
    }
  }

  /** Counting what each target stored, after the load. */
  static final class StoredCounts {
    private static final Pattern SPAN_ID = Pattern.compile("\"id\":\"");

    /** Spans the Zipkin server returns for each trace sent, asked one trace at a time. */
    static long zipkinSpans(int port, List<String> traceIds) throws Exception {
      HttpClient client = HttpClient.newHttpClient();
      long n = 0;
      for (String traceId : traceIds) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v2/trace/" + traceId);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          continue;
        }
        Matcher m = SPAN_ID.matcher(r.body());
        while (m.find()) {
          n++;
        }
      }
      return n;
    }

    static long pipelensSpans(Path dataDir) throws Exception {
      return PipelensStoreCount.spans(dataDir);
    }
  }
}
