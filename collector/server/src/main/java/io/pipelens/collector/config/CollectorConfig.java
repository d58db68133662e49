package io.pipelens.collector.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The collector's validated configuration; see docs/configuration.md for every key and default.
 * Build it with {@link ConfigLoader}; {@link #defaults()} is what an empty config file gives.
 */
public record CollectorConfig(
    Listener http,
    Listener otlpGrpc,
    Listener otlpHttp,
    Listener zipkin,
    Path dataDir,
    Ingest ingest,
    Auth auth,
    Tls tls,
    Retention retention,
    Duration shutdownTimeout,
    Listener jaeger,
    Derived derived,
    Drift drift,
    Alerting alerting,
    io.pipelens.collector.rules.RulesConfig rules) {

  /** Without rules settings: the defaults of docs/configuration.md (only the default rules). */
  public CollectorConfig(Listener http, Listener otlpGrpc, Listener otlpHttp, Listener zipkin,
      Path dataDir, Ingest ingest, Auth auth, Tls tls, Retention retention,
      Duration shutdownTimeout, Listener jaeger, Derived derived, Drift drift, Alerting alerting) {
    this(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls, retention, shutdownTimeout,
        jaeger, derived, drift, alerting, io.pipelens.collector.rules.RulesConfig.DEFAULTS);
  }

  /** Without drift settings: the defaults of docs/configuration.md. */
  public CollectorConfig(Listener http, Listener otlpGrpc, Listener otlpHttp, Listener zipkin,
      Path dataDir, Ingest ingest, Auth auth, Tls tls, Retention retention,
      Duration shutdownTimeout, Listener jaeger, Derived derived) {
    this(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls, retention, shutdownTimeout,
        jaeger, derived, Drift.DEFAULTS);
  }

  /** Without alerting settings: no Alertmanager API port, no routing, no forwarding. */
  public CollectorConfig(Listener http, Listener otlpGrpc, Listener otlpHttp, Listener zipkin,
      Path dataDir, Ingest ingest, Auth auth, Tls tls, Retention retention,
      Duration shutdownTimeout, Listener jaeger, Derived derived, Drift drift) {
    this(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls, retention, shutdownTimeout,
        jaeger, derived, drift, Alerting.DISABLED);
  }

  /**
   * Alert notifications ({@code collector.alerting.*}, see docs/alerting.md).
   *
   * @param listener the Alertmanager API v2 port; disabled when the port is -1
   * @param configFile Alertmanager-format routing file; empty = alerts are kept and served by the
   *     API but routed to no receiver
   * @param externalUrl the URL notifications link back to; empty = {@code http://localhost:PORT}
   * @param alertmanagers external Alertmanagers (base URLs) every alert is also forwarded to
   * @param resendInterval how often firing alerts are re-sent to the external Alertmanagers
   */
  public record Alerting(Listener listener, String configFile, String externalUrl,
      java.util.List<java.net.URI> alertmanagers, Duration resendInterval) {
    public static final Alerting DISABLED = new Alerting(new Listener(false, "0.0.0.0", -1), "",
        "", java.util.List.of(), Duration.ofMinutes(1));

    public Alerting {
      alertmanagers = java.util.List.copyOf(alertmanagers);
    }

    public Alerting withListener(Listener newListener) {
      return new Alerting(newListener, configFile, externalUrl, alertmanagers, resendInterval);
    }

    public Alerting withConfigFile(String file) {
      return new Alerting(listener, file, externalUrl, alertmanagers, resendInterval);
    }

    public Alerting withAlertmanagers(java.util.List<java.net.URI> urls) {
      return new Alerting(listener, configFile, externalUrl, urls, resendInterval);
    }
  }

  /**
   * Model drift monitoring ({@code POST /v1/drift/samples}).
   *
   * @param referenceRows a model version's first this many rows become its reference unless one
   *     is uploaded
   * @param windowRows rows per compared window
   * @param snapshotInterval how often monitor state is written under {@code DATA_DIR/drift}
   * @param models per-model settings ({@code collector.drift.models.<name>}, docs/drift.md);
   *     a model without an entry uses referenceRows/windowRows and automatic methods
   */
  public record Drift(int referenceRows, int windowRows, Duration snapshotInterval,
      java.util.Map<String, io.pipelens.drift.config.ModelDriftSettings> models) {
    public static final Drift DEFAULTS = new Drift(1000, 1000, Duration.ofMinutes(1));

    public Drift {
      models = java.util.Map.copyOf(models);
    }

    /** Without per-model settings: every model uses the collector.drift.* defaults. */
    public Drift(int referenceRows, int windowRows, Duration snapshotInterval) {
      this(referenceRows, windowRows, snapshotInterval, java.util.Map.of());
    }
  }

  /** A listening socket; port 0 picks a free port. A disabled listener is not opened. */
  public record Listener(boolean enabled, String host, int port) {
    public Listener withPort(int newPort) {
      return new Listener(enabled, host, newPort);
    }
  }

  /**
   * @param maxBodyBytes largest request body accepted, after gzip decompression too
   * @param maxQueueBytes decoded bytes that may wait for the store before 429
   * @param maxCommitBytes soft bound of one store commit
   * @param retryAfterSeconds what Retry-After / RetryInfo tell an overloaded client
   * @param eventLoops server instances per ingest listener, each on its own event loop (0 = one
   *     per CPU core)
   * @param commitDelay how long a store commit may wait for more requests while they arrive more
   *     often than that (0 = never)
   */
  public record Ingest(long maxBodyBytes, long maxQueueBytes, long maxCommitBytes,
      int retryAfterSeconds, int eventLoops, Duration commitDelay) {
    public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofMillis(1);

    public Ingest(long maxBodyBytes, long maxQueueBytes, long maxCommitBytes, int retryAfterSeconds) {
      this(maxBodyBytes, maxQueueBytes, maxCommitBytes, retryAfterSeconds, 0);
    }

    public Ingest(long maxBodyBytes, long maxQueueBytes, long maxCommitBytes, int retryAfterSeconds,
        int eventLoops) {
      this(maxBodyBytes, maxQueueBytes, maxCommitBytes, retryAfterSeconds, eventLoops,
          DEFAULT_COMMIT_DELAY);
    }

    /** {@link #eventLoops} with 0 resolved to the number of CPU cores. */
    public int instances() {
      return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
  }

  /** Bearer tokens; empty disables auth for that scope. */
  public record Auth(String ingestToken, String queryToken) {
    @Override
    public String toString() {
      return "Auth[ingestToken=" + (ingestToken.isEmpty() ? "" : "***")
          + ", queryToken=" + (queryToken.isEmpty() ? "" : "***") + "]";
    }
  }

  /** PEM certificate chain and private key; TLS is on for every listener when both are set. */
  public record Tls(String certFile, String keyFile) {
    public boolean enabled() {
      return !certFile.isEmpty() && !keyFile.isEmpty();
    }
  }

  /**
   * @param maxAge data older than this is deleted; zero keeps data forever
   * @param maxDiskBytes the store is trimmed, oldest first, above this size; 0 = no limit
   * @param interval how often retention runs
   */
  public record Retention(Duration maxAge, long maxDiskBytes, Duration interval) {}

  /**
   * What the collector derives from stored telemetry (kept in memory, exposed on /metrics and the
   * query APIs).
   *
   * @param maxSeries most Prometheus series held (span RED metrics, error counters, re-exposed
   *     OTLP metrics); samples of new series beyond it are rejected and counted
   * @param lookback how long samples are kept behind each series' newest one
   * @param maxSpanKeys most label sets per span metric (service x operation x kind x status)
   * @param collectInterval how often span metrics are sampled into the series store
   * @param maxErrorGroups most error groups held (least recently seen evicted)
   * @param snapshotInterval how often error groups are written to {@code errors.json} in the data dir
   */
  public record Derived(int maxSeries, Duration lookback, int maxSpanKeys, Duration collectInterval,
      int maxErrorGroups, Duration snapshotInterval) {}

  public static CollectorConfig defaults() {
    return ConfigLoader.load(null, java.util.Map.of());
  }

  /** A copy for tests: every listener on 127.0.0.1 and a free port, data in {@code dir}. */
  public CollectorConfig forTest(Path dir) {
    return new CollectorConfig(
        new Listener(true, "127.0.0.1", 0),
        new Listener(otlpGrpc.enabled(), "127.0.0.1", 0),
        new Listener(otlpHttp.enabled(), "127.0.0.1", 0),
        new Listener(zipkin.enabled(), "127.0.0.1", 0),
        dir, ingest, auth, tls, retention, shutdownTimeout,
        new Listener(jaeger.enabled(), "127.0.0.1", 0), derived, drift,
        alerting.withListener(new Listener(alerting.listener().enabled(), "127.0.0.1", 0)), rules);
  }

  public CollectorConfig withIngest(Ingest newIngest) {
    return new CollectorConfig(http, otlpGrpc, otlpHttp, zipkin, dataDir, newIngest, auth, tls,
        retention, shutdownTimeout, jaeger, derived, drift, alerting, rules);
  }

  public CollectorConfig withDerived(Derived newDerived) {
    return new CollectorConfig(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls,
        retention, shutdownTimeout, jaeger, newDerived, drift, alerting, rules);
  }

  public CollectorConfig withDrift(Drift newDrift) {
    return new CollectorConfig(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls,
        retention, shutdownTimeout, jaeger, derived, newDrift, alerting, rules);
  }

  public CollectorConfig withAlerting(Alerting newAlerting) {
    return new CollectorConfig(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls,
        retention, shutdownTimeout, jaeger, derived, drift, newAlerting, rules);
  }

  public CollectorConfig withRules(io.pipelens.collector.rules.RulesConfig newRules) {
    return new CollectorConfig(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, auth, tls,
        retention, shutdownTimeout, jaeger, derived, drift, alerting, newRules);
  }

  public CollectorConfig withAuth(Auth newAuth) {
    return new CollectorConfig(http, otlpGrpc, otlpHttp, zipkin, dataDir, ingest, newAuth, tls,
        retention, shutdownTimeout, jaeger, derived, drift, alerting, rules);
  }
}
