package io.pipelens.agent.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real pipelens collector, built in the same reactor ({@code collector/server}), started as a
 * separate process ({@code CollectorMain} with its jar and {@code lib/}) on free loopback ports
 * with a temporary data dir, the way users run it.
 */
final class CollectorProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int apiPort;
  private final int otlpPort;

  private CollectorProcess(Process process, Path log, int apiPort, int otlpPort) {
    this.process = process;
    this.log = log;
    this.apiPort = apiPort;
    this.otlpPort = otlpPort;
  }

  /** Starts the collector and waits until {@code /health/ready} answers 200. */
  static CollectorProcess start(Path workDir) throws IOException {
    Path build = buildDir();
    int apiPort = freePort();
    int otlpPort = freePort();
    Path log = workDir.resolve("collector.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                classPath(build),
                "io.pipelens.collector.CollectorMain")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PIPELENS_") || k.startsWith("OTEL_"));
    builder.environment().put("PIPELENS_COLLECTOR_HTTP_HOST", "127.0.0.1");
    builder.environment().put("PIPELENS_COLLECTOR_HTTP_PORT", Integer.toString(apiPort));
    builder.environment().put("PIPELENS_COLLECTOR_OTLP_HTTP_HOST", "127.0.0.1");
    builder.environment().put("PIPELENS_COLLECTOR_OTLP_HTTP_PORT", Integer.toString(otlpPort));
    builder.environment().put("PIPELENS_COLLECTOR_OTLP_GRPC_ENABLED", "false");
    builder.environment().put("PIPELENS_COLLECTOR_ZIPKIN_ENABLED", "false");
    builder.environment().put("PIPELENS_COLLECTOR_JAEGER_ENABLED", "false");
    // the Alertmanager API listener has no switch: a free port, not the default 9093
    builder.environment().put("PIPELENS_COLLECTOR_ALERTING_HOST", "127.0.0.1");
    builder.environment().put("PIPELENS_COLLECTOR_ALERTING_PORT", Integer.toString(freePort()));
    builder.environment().put("PIPELENS_COLLECTOR_DATA_DIR", workDir.resolve("data").toString());
    CollectorProcess collector = new CollectorProcess(builder.start(), log, apiPort, otlpPort);
    try {
      await("collector /health/ready (log: " + log + ")")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(collector::ready);
    } catch (RuntimeException | Error e) {
      collector.close();
      throw e;
    }
    return collector;
  }

  String otlpEndpoint() {
    return "http://127.0.0.1:" + otlpPort;
  }

  /** GET on the collector's API port: (status, body). */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private boolean ready() throws IOException, InterruptedException {
    if (!process.isAlive()) {
      throw new AssertionError(
          "collector exited with " + process.exitValue() + ":\n" + Files.readString(log));
    }
    try {
      return get("/health/ready").statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path buildDir() {
    String configured = System.getProperty("pipelens.collector.build");
    if (configured == null) {
      throw new IllegalStateException(
          "system property pipelens.collector.build is not set; run these tests with"
              + " `mvn verify -pl agent -am` (failsafe), which builds the collector first");
    }
    Path build = Paths.get(configured);
    if (!Files.isDirectory(build.resolve("lib"))) {
      throw new IllegalStateException(
          "collector not built in " + build + " (no lib/): build it with -pl agent -am");
    }
    return build;
  }

  private static String classPath(Path build) throws IOException {
    try (Stream<Path> files = Files.list(build)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("pipelens-collector-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
              .toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException("no pipelens-collector jar in " + build);
      }
      return jars.get(0) + File.pathSeparator + build.resolve("lib") + File.separator + "*";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
