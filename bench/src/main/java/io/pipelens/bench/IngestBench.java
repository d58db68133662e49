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
 * [--spans-per-request N] [--concurrency N] [--work DIR] [--build-dir target]}. See bench/README.md.
 */
public final class IngestBench {

  record Row(String target, LoadDriver.Result result, double cpuSeconds, long peakRssKb) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = Args.parse(args);
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath();
    Path zipkinJar = Path.of(Args.require(opts, "zipkin-jar"));
    int requests = Integer.parseInt(opts.getOrDefault("requests", "3000"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "500"));
    int spansPerRequest = Integer.parseInt(opts.getOrDefault("spans-per-request", "100"));
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
    Path work = Files.createDirectories(Path.of(opts.getOrDefault("work", "bench/target/run")));
    String heap = opts.getOrDefault("heap", "1g");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> collectorJvm = new ArrayList<>(List.of(javaBin, "-Xmx" + heap));
    String extraOpts = opts.getOrDefault("collector-jvm-opts", "");
    if (!extraOpts.isBlank()) {
      collectorJvm.addAll(List.of(extraOpts.trim().split("\\s+")));
    }

    System.out.printf(Locale.ROOT, "encoding %d requests x %d spans ...%n", 3 * (requests + warmup), spansPerRequest);
    SpanShapes shapes = new SpanShapes();
    List<byte[]> otlpWarm = new ArrayList<>();
    List<byte[]> otlp = new ArrayList<>();
    List<byte[]> zipkinWarmA = new ArrayList<>();
    List<byte[]> zipkinA = new ArrayList<>();
    List<byte[]> zipkinWarmB = new ArrayList<>();
    List<byte[]> zipkinB = new ArrayList<>();
    List<String> zipkinTraceIds = new ArrayList<>();
    int id = 0;
    for (int i = 0; i < warmup; i++) {
      otlpWarm.add(shapes.otlpProtobuf(shapes.request(id++, spansPerRequest)));
      zipkinWarmA.add(shapes.zipkinJson(shapes.request(id++, spansPerRequest)));
      List<SpanShapes.LogicalSpan> warm = shapes.request(id++, spansPerRequest);
      zipkinTraceIds.add(SpanShapes.hex(warm.get(0).traceId()));
      zipkinWarmB.add(shapes.zipkinJson(warm));
    }
    for (int i = 0; i < requests; i++) {
      otlp.add(shapes.otlpProtobuf(shapes.request(id++, spansPerRequest)));
      // identical logical spans (same ids) for both Zipkin targets
      List<SpanShapes.LogicalSpan> spans = shapes.request(id++, spansPerRequest);
      zipkinTraceIds.add(SpanShapes.hex(spans.get(0).traceId()));
      byte[] z = shapes.zipkinJson(spans);
      zipkinA.add(z);
      zipkinB.add(z);
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
    long collectorSpansSent = 0;
    long zipkinSpansSent = (long) (requests + warmup) * spansPerRequest;

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
            List.of(javaBin, "-Xmx" + heap, "-jar", zipkinJar.toString()),
            Map.of("QUERY_PORT", Integer.toString(zipkinServerPort),
                "STORAGE_TYPE", "mem",
                "MEM_MAX_SPANS", Long.toString(zipkinSpansSent * 2)),
            work.resolve("zipkin.log"))) {
      collector.awaitHealthy(URI.create("http://127.0.0.1:" + apiPort + "/health/ready"), Duration.ofSeconds(180)); // minutes under a loaded machine
      zipkin.awaitHealthy(URI.create("http://127.0.0.1:" + zipkinServerPort + "/health"), Duration.ofSeconds(180));

      try (ProcessStats cstats = new ProcessStats(collector.pid());
          ProcessStats zstats = new ProcessStats(zipkin.pid())) {
        URI otlpUri = URI.create("http://127.0.0.1:" + otlpHttpPort + "/v1/traces");
        URI zipkinOnCollector = URI.create("http://127.0.0.1:" + zipkinIngestPort + "/api/v2/spans");
        URI zipkinOnZipkin = URI.create("http://127.0.0.1:" + zipkinServerPort + "/api/v2/spans");

        rows.add(phase("pipelens OTLP/HTTP protobuf", driver, otlpUri, "application/x-protobuf",
            otlpWarm, otlp, spansPerRequest, concurrency, cstats));
        rows.add(phase("pipelens Zipkin JSON", driver, zipkinOnCollector, "application/json",
            zipkinWarmA, zipkinA, spansPerRequest, concurrency, cstats));
        rows.add(phase("zipkin-server Zipkin JSON (mem)", driver, zipkinOnZipkin, "application/json",
            zipkinWarmB, zipkinB, spansPerRequest, concurrency, zstats));
      }
      collectorSpansSent = 2L * (requests + warmup) * spansPerRequest;
      long zipkinStored = StoredCounts.zipkinSpans(zipkinServerPort, zipkinTraceIds);
      collector.close();
      long collectorStored = StoredCounts.pipelensSpans(dataDir);
      Report.print(rows, spansPerRequest, collectorSpansSent, collectorStored, zipkinSpansSent, zipkinStored);
    }
  }

  private static List<String> concat(List<String> head, String... rest) {
    List<String> out = new ArrayList<>(head);
    out.addAll(List.of(rest));
    return out;
  }

  private static Row phase(String target, LoadDriver driver, URI uri, String contentType,
      List<byte[]> warm, List<byte[]> bodies, int spansPerRequest, int concurrency, ProcessStats stats)
      throws InterruptedException {
    driver.run(uri, contentType, warm, spansPerRequest, concurrency);
    stats.resetPeak();
    double cpu0 = stats.cpuSeconds();
    LoadDriver.Result r = driver.run(uri, contentType, bodies, spansPerRequest, concurrency);
    double cpu = stats.cpuSeconds() - cpu0;
    System.out.printf(Locale.ROOT, "%-34s done: %d requests, statuses %s%n", target, r.requests(), r.statusCounts());
    return new Row(target, r, cpu, stats.peakRssKb());
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
