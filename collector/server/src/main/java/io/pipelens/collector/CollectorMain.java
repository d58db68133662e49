package io.pipelens.collector;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.config.ConfigException;
import io.pipelens.collector.config.ConfigLoader;
import io.pipelens.collector.config.SpanLogConfig;
import io.pipelens.collector.config.StoreConfig;
import io.pipelens.collector.store.DuckDbTelemetryStore;
import io.pipelens.collector.store.SpanLogStore;
import io.pipelens.collector.store.StoreException;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pipelens collector [--config FILE]}: loads and validates the configuration (exit 2 on bad
 * configuration, listing every problem), opens the DuckDB store in the data dir behind the span log
 * ({@link #openStore}), starts the
 * collector and logs a "pipelens collector ready" line. SIGTERM/SIGINT shut it down gracefully.
 */
public final class CollectorMain {
  private static final String USAGE = """
      Usage: pipelens collector [--config FILE]

      Runs the pipelens collector: OTLP/gRPC (4317), OTLP/HTTP (4318), Zipkin ingest and query
      (9411), Jaeger query (16686), Alertmanager API v2 (9093) and the API port (8080:
      /health/live, /health/ready, /metrics, /api/..., Prometheus's /api/v1/...), storing into
      DuckDB under the data dir (./data). Rule files run inside the collector; SIGHUP reloads them.

      Options:
        --config FILE   YAML configuration file (see docs/configuration.md)
        --help          show this help

      Every key can be overridden by an environment variable: collector.http.port is
      PIPELENS_COLLECTOR_HTTP_PORT, collector.ingest.max-body-bytes is
      PIPELENS_COLLECTOR_INGEST_MAX_BODY_BYTES, and so on.
      """;

  /** The span log's folder inside the data dir. */
  public static final String SPAN_LOG_DIR = "span-log";

  private CollectorMain() {}

  public static void main(String[] args) {
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return;
        }
        case "--config" -> {
          if (i + 1 >= args.length) {
            exit(2, "pipelens collector: --config needs a file argument\n" + USAGE);
          }
          configFile = Path.of(args[++i]);
          if (!Files.isReadable(configFile)) {
            exit(2, "pipelens collector: config file " + configFile + " does not exist or is not readable");
          }
        }
        default -> exit(2, "pipelens collector: unknown argument '" + args[i] + "'\n" + USAGE);
      }
    }
    CollectorConfig config;
    io.pipelens.collector.prom.grafana.GrafanaSettings grafana;
    SpanLogConfig spanLog;
    StoreConfig storeConfig;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
      var values = ConfigLoader.values(configFile, System.getenv());
      grafana = io.pipelens.collector.prom.grafana.GrafanaSettings.from(
          values, System.getenv(), config.http().port());
      spanLog = SpanLogConfig.from(values);
      storeConfig = StoreConfig.from(values);
    } catch (ConfigException | IllegalArgumentException e) {
      exit(2, "pipelens collector: " + e.getMessage());
      return;
    }
    run(config, grafana, storeConfig, spanLog);
  }

  private static void run(CollectorConfig config,
      io.pipelens.collector.prom.grafana.GrafanaSettings grafana, StoreConfig storeConfig,
      SpanLogConfig spanLog) {
    Logger log = LoggerFactory.getLogger(CollectorMain.class);
    TelemetryStore store;
    try {
      store = openStore(config.dataDir(), storeConfig, spanLog);
    } catch (StoreException e) {
      exit(1, "pipelens collector: cannot open the store in " + config.dataDir() + " (collector.data-dir): "
          + e.getMessage());
      return;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions());
    Collector collector;
    try {
      collector = Collector.start(vertx, config, store).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      exit(1, "pipelens collector: cannot start: " + cause.getMessage());
      return;
    }
    if (store instanceof SpanLogStore spans) {
      SpanLogMeters.bindTo(collector.registry(), spans);
    }
    io.pipelens.collector.rules.ReloadSignal.install(collector.rules());
    io.pipelens.collector.prom.grafana.GrafanaStartupPush.start(vertx, grafana, collector.ports().zipkin(),
        collector.ports().jaeger(), config.auth().queryToken());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        collector.close().toCompletionStage().toCompletableFuture()
            .get(config.shutdownTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        log.warn("graceful shutdown did not complete: {}", e.toString());
      }
      vertx.close();
    }, "pipelens-shutdown"));
  }

  /**
   * DuckDB in the data dir, behind the span log in DATA_DIR/span-log unless that is disabled: spans
   * are acknowledged from the log and loaded into DuckDB in large batches (docs/span-log.md).
   */
  static TelemetryStore openStore(Path dataDir, StoreConfig storeConfig, SpanLogConfig spanLog)
      throws StoreException {
    DuckDbTelemetryStore duckDb = DuckDbTelemetryStore.open(dataDir, storeConfig.duckDbSettings());
    if (!spanLog.enabled()) {
      return duckDb;
    }
    return SpanLogStore.open(dataDir.resolve(SPAN_LOG_DIR), duckDb, spanLog.settings(),
        SpanLogStore.Listener.NONE);
  }

  private static void exit(int code, String message) {
    System.err.println(message);
    System.exit(code);
  }
}
