package io.pipelens.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the example pipeline talks to, started once per test JVM (see {@link
 * PipelineExtension}): a RabbitMQ node, the agent's R package in a private library, the three
 * services (R plumber scoring API, Python gRPC segmenter, Python AMQP reporter), all pointed at
 * the collector's fixed loopback ports. Tests start the collector on a fresh data folder with {@link
 * #freshCollector} and run the scheduler under the pipelens Java agent with {@link #runOnce}.
 */
final class PipelineEnvironment implements AutoCloseable {
  /** Small drift windows so a few runs close several (the defaults are 1000 rows each). */
  static final int DRIFT_ROWS = 200;
  /** Debian's interpreter: python3-grpcio, python3-pika and python3-protobuf live there. */
  static final String PYTHON = "/usr/bin/python3";

  final Path work;
  final Path spool;
  final Path reports;
  final CollectorProcess collector;
  final RabbitBroker rabbit;
  private final Path rLibrary;
  private final int scoringPort = Repo.freePort();
  private final int segmenterPort = Repo.freePort();
  private final List<ChildProcess> services = new ArrayList<>();
  private int collectors;
  private int runs;

  PipelineEnvironment() throws IOException {
    work = Files.createTempDirectory("pipelens-example-");
    spool = work.resolve("spool");
    reports = work.resolve("reports");
    rLibrary = work.resolve("rlib");
    collector = new CollectorProcess(work.resolve("collector.log"), Map.of(
        "PIPELENS_COLLECTOR_DRIFT_REFERENCE_ROWS", String.valueOf(DRIFT_ROWS),
        "PIPELENS_COLLECTOR_DRIFT_WINDOW_ROWS", String.valueOf(DRIFT_ROWS),
        "PIPELENS_COLLECTOR_ERRORS_SNAPSHOT_INTERVAL", "1s"));
    collector.set("PIPELENS_COLLECTOR_DRIFT_MODELS", churnRetraining());
    rabbit = new RabbitBroker(work.resolve("rabbitmq"));
  }

  /**
   * collector.drift.models.churn: the same small windows, and a retraining policy that runs
   * pipeline/retrain.R (into {@link #retrained}) the first time {@code visits} drifts.
   */
  private String churnRetraining() {
    Map<String, String> env = new java.util.LinkedHashMap<>(clientEnv("retrain"));
    env.remove("OTEL_SERVICE_NAME");
    env.put("PIPELENS_SERVICE_NAME", "retrain");
    Map<String, Object> action = Map.of(
        "command", List.of("Rscript", Repo.pipelineDir().resolve("retrain.R").toString(), retrained().toString()),
        "timeout", "5m", "env", env);
    Map<String, Object> churn = Map.of(
        "reference", Map.of("mode", "first_rows", "rows", DRIFT_ROWS),
        "window", Map.of("rows", DRIFT_ROWS, "min_rows", 0, "confirmations", 1),
        "retrain", Map.of("features", List.of("visits"), "consecutive_windows", 1, "cooldown", "1h",
            "actions", List.of(action)));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("churn", churn));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where retrain.R writes the retrained model files. */
  Path retrained() {
    return work.resolve("retrained");
  }

  PipelineEnvironment start() {
    // R CMD INSTALL and the broker's start are both slow: overlap them
    java.util.concurrent.CompletableFuture<Void> r =
        java.util.concurrent.CompletableFuture.runAsync(this::installRPackage);
    rabbit.start();
    r.join();
    services.add(ChildProcess.start("scoring-api", List.of("Rscript",
        Repo.pipelineDir().resolve("serve_scoring_api.R").toString(), String.valueOf(scoringPort)),
        clientEnv("scoring-api"), work.resolve("scoring-api.log")));
    services.add(ChildProcess.start("segmenter", List.of(PYTHON,
        Repo.pipelineDir().resolve("segmenter.py").toString(), String.valueOf(segmenterPort)),
        clientEnv("segmenter"), work.resolve("segmenter.log")));
    services.add(ChildProcess.start("reporter", List.of(PYTHON,
        Repo.pipelineDir().resolve("reporter.py").toString(), rabbit.uri(), reports.toString()),
        clientEnv("reporter"), work.resolve("reporter.log")));
    services.get(0).awaitOutput("Running plumber API", Duration.ofSeconds(120));
    services.get(1).awaitOutput("segmenter ready", Duration.ofSeconds(60));
    services.get(2).awaitOutput("reporter ready", Duration.ofSeconds(60));
    return this;
  }

  /** (Re)starts the collector on an empty data folder (same ports; services keep them). */
  void freshCollector() {
    collector.stop();
    collector.start(work.resolve("data-" + (++collectors)));
  }

  /** One pipeline run: {@code Scheduler once} under the pipelens Java agent. */
  SchedulerRun runOnce(int rows, double shift, int malformedRow) {
    ChildProcess scheduler = startScheduler(rows, shift, malformedRow);
    int exit = scheduler.awaitExit(Duration.ofMinutes(5));
    return new SchedulerRun(exit, scheduler.output());
  }

  ChildProcess startScheduler(int rows, double shift, int malformedRow) {
    return startScheduler(rows, shift, malformedRow, null);
  }

  /**
   * {@code Scheduler once}; with {@code endpoint} set, the Java agent and the steps it starts send
   * there (a local {@code pipelens agent}) instead of to the collector.
   */
  ChildProcess startScheduler(int rows, double shift, int malformedRow, String endpoint) {
    return startScheduler(List.of("once", "--rows", String.valueOf(rows), "--shift", String.valueOf(shift),
        "--malformed-row", String.valueOf(malformedRow)), endpoint);
  }

  /**
   * {@code Scheduler serve} (no schedule): runs on {@code POST /runs}; answers the base URL of
   * its on-demand endpoint once listening.
   */
  String startSchedulerService() {
    ChildProcess server = startScheduler(List.of("serve", "--port", "0", "--every", "0"), null);
    services.add(server);
    String out = server.awaitOutput("scheduler listening on ", Duration.ofSeconds(180)).output();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on (http://\\S+/runs)").matcher(out);
    if (!m.find()) {
      throw new AssertionError("no URL in: " + out);
    }
    return m.group(1);
  }

  private ChildProcess startScheduler(List<String> modeAndInput, String endpoint) {
    int run = ++runs;
    Map<String, String> env = clientEnv("scheduler");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint == null ? collector.otlpUrl() : endpoint);
    if (endpoint != null) {
      env.put("PIPELENS_ENDPOINT", endpoint);
      env.put("PIPELENS_API_ENDPOINT", endpoint);
    }
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    List<String> command = new ArrayList<>(List.of(Repo.java(), "-javaagent:" + Repo.javaagent(), "-cp",
        Repo.schedulerClasspath(), "io.pipelens.example.Scheduler"));
    command.addAll(modeAndInput);
    command.addAll(List.of("--pipeline-dir", Repo.pipelineDir().toString(),
        "--work-dir", work.resolve("runs-" + run).toString(),
        "--python", PYTHON, "--rscript", "Rscript",
        "--scoring-url", "http://127.0.0.1:" + scoringPort,
        "--segmenter", "127.0.0.1:" + segmenterPort,
        "--amqp-uri", rabbit.uri(), "--seed", String.valueOf(run)));
    return ChildProcess.start("scheduler run " + run, command, env, work.resolve("scheduler-" + run + ".log"));
  }

  /** Environment of every pipelens client process (Python, R and the children they start). */
  Map<String, String> clientEnv(String service) {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_SERVICE_NAME", service);
    env.put("PIPELENS_ENDPOINT", collector.otlpUrl());
    env.put("PIPELENS_API_ENDPOINT", collector.apiUrl());
    env.put("PIPELENS_SPOOL_DIR", spool.toString());
    env.put("PIPELENS_EXPORT_INTERVAL", "1");
    env.put("PIPELENS_EXPORT_TIMEOUT", "5");
    env.put("PIPELENS_EXIT_TIMEOUT", "20");
    env.put("PYTHONPATH", Repo.pythonClient().toString());
    env.put("R_LIBS", rLibrary.toString());
    return env;
  }

  String logs() {
    StringBuilder out = new StringBuilder();
    for (ChildProcess s : services) {
      out.append(s.tail()).append('\n');
    }
    return out.toString();
  }

  private void installRPackage() {
    try {
      Files.createDirectories(rLibrary);
      ProcessBuilder install = new ProcessBuilder("R", "CMD", "INSTALL", "--no-docs", "--no-multiarch",
          "--library=" + rLibrary, Repo.rPackage().toString())
          .redirectErrorStream(true).redirectOutput(work.resolve("r-install.log").toFile());
      // loading the package while installing must not send to (or spool for) a real collector
      install.environment().put("PIPELENS_SPOOL_DIR", work.resolve("install-spool").toString());
      install.environment().put("PIPELENS_ENDPOINT", "http://127.0.0.1:9");
      Process p = install.start();
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("R CMD INSTALL agent/r failed:\n"
            + Files.readString(work.resolve("r-install.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    for (ChildProcess s : services) {
      s.close();
    }
    collector.close();
    rabbit.close();
    if (!Boolean.getBoolean("pipelens.example.keep")) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
