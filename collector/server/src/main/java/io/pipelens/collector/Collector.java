package io.pipelens.collector;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.alerts.rules.runtime.AlertSender;
import io.pipelens.collector.alerting.AlertingService;
import io.pipelens.collector.alerting.AlertmanagerApi;
import io.pipelens.collector.api.ApiRoutes;
import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.derived.DerivedTelemetry;
import io.pipelens.collector.drift.DriftRoutes;
import io.pipelens.collector.drift.DriftService;
import io.pipelens.collector.ingest.IngestMetrics;
import io.pipelens.collector.ingest.IngestSink;
import io.pipelens.collector.jaeger.JaegerQueryRoutes;
import io.pipelens.collector.otlp.OtlpGrpcHandler;
import io.pipelens.collector.otlp.OtlpHttpHandler;
import io.pipelens.collector.otlp.OtlpWarmup;
import io.pipelens.collector.query.PipelensQueryRoutes;
import io.pipelens.collector.retention.StoreMaintenance;
import io.pipelens.collector.rules.RulesService;
import io.pipelens.collector.store.GroupCommitWriter;
import io.pipelens.collector.store.TelemetryStore;
import io.pipelens.collector.zipkin.ZipkinHttpHandler;
import io.pipelens.collector.zipkin.ZipkinQueryHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running collector: the API port (health, /metrics, /api), OTLP/gRPC, OTLP/HTTP, Zipkin
 * (ingest and query by id) and Jaeger query listeners, ingest all feeding one {@link
 * GroupCommitWriter} over the given store. Start it with {@link
 * #start}; tests use port 0 and read the bound ports from {@link #ports()}. {@link #close()} stops
 * accepting, lets in-flight requests finish, drains the write queue and closes the store.
 */
public final class Collector {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  /** The bound ports; -1 for a disabled listener. */
  public record Ports(int http, int otlpGrpc, int otlpHttp, int zipkin, int jaeger, int alerting) {}

  private final Vertx vertx;
  private final CollectorConfig config;
  private final TelemetryStore store;
  private final PrometheusMeterRegistry registry;
  private final GroupCommitWriter writer;
  private final IngestSink sink;
  private final BearerAuth auth;
  private final ApiRoutes api;
  private final StoreMaintenance maintenance;
  private final DerivedTelemetry derived;
  private final DriftService drift;
  private final AlertingService alerting;
  private final RulesService rules;
  private final List<Long> timers = new ArrayList<>();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> deployments = new ArrayList<>();
  private Ports ports;

  private Collector(Vertx vertx, CollectorConfig config, TelemetryStore store) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // first: it may refuse to start (unreadable error snapshot) before any thread is running
    this.derived = new DerivedTelemetry(config.dataDir(), config.derived(), Clock.systemUTC());
    derived.bindTo(registry);
    try {
      // may refuse to start (unreadable drift state file, named in the message)
      this.drift = new DriftService(config.dataDir(), config.drift(), derived.series(), Clock.systemUTC());
    } catch (RuntimeException e) {
      derived.close();
      throw e;
    }
    IngestMetrics metrics = new IngestMetrics(registry);
    this.writer = new GroupCommitWriter(store, config.ingest().maxQueueBytes(),
        config.ingest().maxCommitBytes(), config.ingest().commitDelay().toNanos(), metrics);
    Gauge.builder("pipelens.ingest.queue", writer, GroupCommitWriter::queuedBytes).baseUnit("bytes")
        .description("Decoded bytes accepted but not yet committed").register(registry);
    Gauge.builder("pipelens.ingest.queue.limit", writer, GroupCommitWriter::maxQueuedBytes)
        .baseUnit("bytes").description("collector.ingest.max-queue-bytes").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("pipelens.drift.samples.ignored", drift,
            DriftService::rejectedLogSamples).tag("reason", "malformed_log_record")
        .description("Drift sample batches left out: malformed pipelens.model.samples log records, "
            + "re-sent batches (same batch_id)").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("pipelens.drift.samples.ignored", drift,
            DriftService::resentBatches).tag("reason", "resent")
        .description("Drift sample batches left out: malformed pipelens.model.samples log records, "
            + "re-sent batches (same batch_id)").register(registry);
    this.sink = new IngestSink(writer, metrics, batch -> {
      derived.stored(batch);
      drift.storedLogs(batch); // pipelens.model.samples log records feed the drift monitors
    });
    // a retraining trigger's span is stored like any other span, so the run's spans join its trace
    drift.recordSpansWith(span -> vertx.runOnContext(v -> sink.submit("traces", "internal",
        io.pipelens.collector.store.TelemetryBatch.ofSpans(List.of(span), 4096), 0)));
    this.auth = new BearerAuth(config.auth().ingestToken(), config.auth().queryToken());
    this.api = new ApiRoutes(vertx, auth, this::scrape, ready::get);
    new PipelensQueryRoutes(vertx, store, derived.errors()).mount(api.router());
    new DriftRoutes(vertx, drift, auth, config.ingest().maxBodyBytes(),
        config.ingest().retryAfterSeconds()).mount(api.router());
    // Prometheus's /api/v1 query API: Grafana can use the collector as its Prometheus data source
    var prom = io.pipelens.collector.prom.PrometheusQueryApi.mount(vertx, api.router(),
        derived.series(), () -> {
          drift.refreshSeries(); // drift gauges stay current without a /metrics scrape
          return registry.scrape();
        }, config.derived(), Clock.systemUTC());
    timers.add(prom.timerId());
    this.maintenance = new StoreMaintenance(vertx, store, config.retention(), Clock.systemUTC(), registry);
    try {
      // may refuse to start (bad Alertmanager configuration or state file, named in the message)
      this.alerting = new AlertingService(config.alerting(), config.dataDir(), registry,
          Clock.systemUTC());
    } catch (RuntimeException e) {
      drift.close();
      derived.close();
      throw e;
    }
    try {
      // starts evaluating at once; may refuse to start (a bad rule file or alert state file, named)
      // rules read what the query API reads: derived series plus the collector's own meters
      // (the default collector rules watch ingest queue and store commits)
      this.rules = new RulesService(config.rules(), config.dataDir(), derived.series(), prom.reads(),
          registry, Clock.systemUTC(), "http://localhost:" + config.http().port());
    } catch (RuntimeException e) {
      alerting.close();
      drift.close();
      derived.close();
      throw e;
    }
    rules.sendTo(alerting.sender());
    rules.mount(vertx, api.router(), auth);
  }

  /**
   * Opens every enabled listener. Called from a plain thread (main, tests) it warms the codecs up
   * on that thread first; from an event loop, on a worker. The store stays owned by the collector from here on: {@link
   * #close()} closes it. Fails (after releasing what was opened) when a port cannot be bound.
   */
  public static Future<Collector> start(Vertx vertx, CollectorConfig config, TelemetryStore store) {
    Collector collector;
    try {
      collector = new Collector(vertx, config, store);
    } catch (RuntimeException e) {
      // e.g. an unreadable error group snapshot: the message names the file
      try {
        store.close();
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      return Future.failedFuture(e);
    }
    Future<Collector> listening;
    if (io.vertx.core.Context.isOnEventLoopThread()) {
      listening = vertx.executeBlocking(() -> collector.warmUp(), false)
          .compose(v -> collector.listen());
    } else {
      // Class loading (codecs, Netty) happens here, not on an event loop.
      collector.warmUp();
      listening = collector.listen();
    }
    return listening.transform(ar -> {
      if (ar.succeeded()) {
        return Future.succeededFuture(collector);
      }
      return collector.close().transform(ignored -> Future.failedFuture(ar.cause()));
    });
  }

  /** Micrometer's own meters, then the derived series (span RED metrics, errors, OTLP metrics). */
  private String scrape() {
    derived.refreshDropCounters(registry);
    drift.refreshSeries();
    rules.refreshMetrics();
    String own = registry.scrape();
    String extra = derived.prometheusText();
    return own.isEmpty() || own.endsWith("\n") ? own + extra : own + "\n" + extra;
  }

  private void startTimers() {
    long collectMs = Math.max(1, config.derived().collectInterval().toMillis());
    long snapshotMs = Math.max(1, config.derived().snapshotInterval().toMillis());
    synchronized (timers) {
      timers.add(vertx.setPeriodic(collectMs, id -> vertx.executeBlocking(() -> {
        derived.collect();
        return null;
      }, false)));
      timers.add(vertx.setPeriodic(snapshotMs, id -> vertx.executeBlocking(() -> {
        derived.snapshot();
        return null;
      }, false).onFailure(err -> LOG.warn("cannot write the error group snapshot: {}", err.toString()))));
      long driftMs = Math.max(1, config.drift().snapshotInterval().toMillis());
      timers.add(vertx.setPeriodic(driftMs, id -> vertx.executeBlocking(() -> {
        drift.snapshot();
        return null;
      }, false)));
    }
  }

  private Void warmUp() {
    OtlpWarmup.run();
    registry.scrape();
    return null;
  }

  private Future<Collector> listen() {
    long maxBody = config.ingest().maxBodyBytes();
    int retryAfter = config.ingest().retryAfterSeconds();
    int instances = config.ingest().instances();
    Future<Integer> http = bind(config.http(), api.router(), 1);
    Future<Integer> grpc = bind(config.otlpGrpc(), instances, GrpcServer.server(vertx,
        new GrpcServerOptions().setMaxMessageSize(maxBody))
        .callHandler(new OtlpGrpcHandler(sink, auth, maxBody, retryAfter)));
    Future<Integer> otlpHttp = bind(config.otlpHttp(), instances,
        new OtlpHttpHandler(sink, auth, maxBody, retryAfter));
    Future<Integer> zipkin = bind(config.zipkin(), instances,
        new ZipkinQueryHandler(vertx, store, derived.services(), auth,
            new ZipkinHttpHandler(sink, auth, maxBody, retryAfter)));
    Future<Integer> jaeger = bind(config.jaeger(),
        new JaegerQueryRoutes(vertx, store, derived.services(), auth).router(), 1);
    Future<Integer> alertingPort = bind(config.alerting().listener(), new AlertmanagerApi(vertx,
        alerting, auth, config.ingest().maxBodyBytes()).router(), 1);
    return Future.all(List.of(http, grpc, otlpHttp, zipkin, jaeger, alertingPort)).map(all -> {
      ports = new Ports(http.result(), grpc.result(), otlpHttp.result(), zipkin.result(),
          jaeger.result(), alertingPort.result());
      alerting.start(config.alerting().externalUrl().isEmpty()
          ? "http://localhost:" + ports.alerting() : config.alerting().externalUrl());
      maintenance.start();
      startTimers();
      ready.set(true);
      LOG.info("pipelens collector ready: api port {}, otlp-grpc port {}, otlp-http port {}, "
              + "zipkin port {}, jaeger port {}, alerting port {}, data dir {}, tls {}, ingest auth {}, query auth {}",
          ports.http(), ports.otlpGrpc(), ports.otlpHttp(), ports.zipkin(), ports.jaeger(),
          ports.alerting(), config.dataDir(),
          config.tls().enabled() ? "on" : "off",
          config.auth().ingestToken().isEmpty() ? "off" : "on",
          config.auth().queryToken().isEmpty() ? "off" : "on");
      return this;
    });
  }

  private Future<Integer> bind(CollectorConfig.Listener listener, Handler<HttpServerRequest> handler,
      int instances) {
    return bind(listener, instances, handler);
  }

  /**
   * Opens {@code instances} servers on one port: one deployment with that many verticle instances,
   * each on its own event loop; Vert.x shares the socket among them (also a port-0 one).
   */
  private Future<Integer> bind(CollectorConfig.Listener listener, int instances,
      Handler<HttpServerRequest> handler) {
    if (!listener.enabled()) {
      return Future.succeededFuture(-1);
    }
    int port = listener.port();
    if (port == 0 && instances > 1) {
      // Vert.x 5.0 does not share a port-0 socket among instances: pick the free port first.
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
          java.net.InetAddress.getByName(listener.host()))) {
        port = probe.getLocalPort();
      } catch (java.io.IOException e) {
        return Future.failedFuture(new IllegalStateException(
            "cannot find a free port on " + listener.host() + ": " + e.getMessage(), e));
      }
    }
    HttpServerOptions options = new HttpServerOptions()
        .setHost(listener.host())
        .setPort(port)
        .setHandle100ContinueAutomatically(true);
    if (config.tls().enabled()) {
      options.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(config.tls().certFile()).setKeyPath(config.tls().keyFile()));
    }
    java.util.Set<Integer> bound = java.util.concurrent.ConcurrentHashMap.newKeySet();
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        HttpServer server = vertx.createHttpServer(options).requestHandler(handler);
        synchronized (servers) {
          servers.add(server);
        }
        return server.listen().onSuccess(s -> bound.add(s.actualPort()));
      }
    }, new DeploymentOptions().setInstances(Math.max(1, instances))).compose(id -> {
      synchronized (servers) {
        deployments.add(id);
      }
      return bound.size() == 1 ? Future.succeededFuture(bound.iterator().next())
          : Future.failedFuture(new IllegalStateException("instances of listener "
              + listener.host() + ":" + listener.port() + " bound different ports " + bound));
    }).recover(err -> Future.failedFuture(new IllegalStateException("cannot listen on "
        + listener.host() + ":" + listener.port() + ": " + err.getMessage(), err)));
  }

  /** Bound ports; only valid once {@link #start} completed. */
  public Ports ports() {
    return ports;
  }

  /** The API port's router: query features add their routes here (auth already applies to /api/*). */
  public Router apiRouter() {
    return api.router();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Error groups, derived series and the since-start service index. */
  public DerivedTelemetry derived() {
    return derived;
  }

  /** Drift monitors per model version (POST /v1/drift/samples). */
  public DriftService drift() {
    return drift;
  }

  /**
   * Where the rule manager sends its alerts: the collector's Alertmanager (routing, silences,
   * notifications, {@code /api/v2/alerts}) and the external Alertmanagers of
   * {@code collector.alerting.alertmanagers}. Alerts sent before {@link #start} completed are dropped.
   */
  public AlertSender alertSender() {
    return alerting.sender();
  }

  /** The collector's Alertmanager: dispatcher, silences, routing configuration. */
  public AlertingService alerting() {
    return alerting;
  }

  /** Rule evaluation: the rule manager, its reload and where its alerts go. */
  public RulesService rules() {
    return rules;
  }

  public TelemetryStore store() {
    return store;
  }

  public boolean isReady() {
    return ready.get();
  }

  /**
   * Stops accepting connections, waits up to {@code collector.shutdown.timeout} for in-flight
   * requests, drains the write queue into the store and closes the store. Idempotent.
   */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    ready.set(false);
    LOG.info("pipelens collector shutting down");
    maintenance.stop();
    synchronized (timers) {
      timers.forEach(vertx::cancelTimer);
    }
    long timeoutMillis = config.shutdownTimeout().toMillis();
    List<Future<Void>> stops = new ArrayList<>();
    synchronized (servers) {
      for (HttpServer server : servers) {
        stops.add(server.shutdown(timeoutMillis, TimeUnit.MILLISECONDS));
      }
    }
    return Future.join(stops).transform(ignored -> {
      List<Future<Void>> undeploys = new ArrayList<>();
      synchronized (servers) {
        for (String id : deployments) {
          undeploys.add(vertx.undeploy(id));
        }
      }
      return Future.join(undeploys);
    }).transform(ignored -> vertx.executeBlocking(() -> {
      writer.close();
      rules.close();
      alerting.close();
      drift.close();
      derived.close();
      store.close();
      LOG.info("pipelens collector stopped; write queue drained and store closed");
      return null;
    }, false)).mapEmpty();
  }
}
