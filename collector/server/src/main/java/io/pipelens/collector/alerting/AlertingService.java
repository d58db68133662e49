package io.pipelens.collector.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.alerts.notify.Integrations;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifyListener;
import io.pipelens.alerts.notify.Sleeper;
import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.config.ConfigException;
import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.dispatch.Dispatcher;
import io.pipelens.alerts.notify.dispatch.ExecutorScheduler;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.silence.Silences;
import io.pipelens.alerts.rules.runtime.AlertSender;
import io.pipelens.collector.config.CollectorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The collector's Alertmanager: routing configuration, silences and notification log under
 * {@code DATA_DIR/alerting}, the dispatcher that sends notifications, and the forwarder to external
 * Alertmanagers. The constructor reads configuration and state (and refuses to start naming the
 * bad file); {@link #start} starts the threads. Thread-safe.
 */
public final class AlertingService implements AutoCloseable {
  /** Used when {@code collector.alerting.config-file} is empty: alerts are kept, sent nowhere. */
  static final int MAX_EARLY_ALERTS = 10_000;

  static final String NO_ROUTING = """
      route:
        receiver: default
      receivers:
        - name: default
      """;

  private final CollectorConfig.Alerting config;
  private final NotifyConfig notifyConfig;
  private final String configText;
  private final Silences silences;
  private final NotificationLog nflog;
  private final Clock clock;
  private final AlertingMetrics metrics;
  private final Instant startedAt;
  private final Map<String, List<Notifier>> receivers = new LinkedHashMap<>();
  private final List<Alert> early = new ArrayList<>();
  private ExecutorScheduler scheduler;
  private ExecutorService sendPool;
  private volatile Dispatcher dispatcher;
  private volatile AlertmanagerForwarder forwarder;

  public AlertingService(CollectorConfig.Alerting config, Path dataDir, MeterRegistry registry,
      Clock clock) {
    this.config = config;
    this.clock = clock;
    this.startedAt = clock.instant();
    String file = config.configFile();
    if (file.isEmpty()) {
      configText = NO_ROUTING;
      notifyConfig = NotifyConfigParser.parse(NO_ROUTING, dataDir);
    } else {
      try {
        configText = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        notifyConfig = NotifyConfigParser.parseFile(Path.of(file));
      } catch (IOException | ConfigException e) {
        throw new IllegalStateException("collector.alerting.config-file " + file + ": "
            + e.getMessage(), e);
      }
    }
    Path state = dataDir.resolve("alerting");
    try {
      Files.createDirectories(state);
      this.silences = new Silences(clock, state, Silences.DEFAULT_RETENTION);
      this.nflog = new NotificationLog(clock, state, NotificationLog.DEFAULT_RETENTION);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the alerting state in " + state
          + " (silences.json, nflog.json): " + e.getMessage(), e);
    }
    this.metrics = new AlertingMetrics(registry, this);
    // templates are read here, at start-up, not when the first notification goes out
    Integrations integrations = new Integrations(new HttpPoster(), clock, Sleeper.SYSTEM,
        NotifyListener.NONE, Integrations.RetryPolicy.DEFAULT);
    try {
      integrations.build(notifyConfig).forEach((receiver, notifiers) -> receivers.put(receiver,
          notifiers.stream().map(x -> (Notifier) new MeteredNotifier(x, metrics)).toList()));
    } catch (RuntimeException e) {
      throw new IllegalStateException("collector.alerting.config-file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** Starts the dispatcher's timers, the notification senders and the forwarder. */
  public synchronized void start(String externalUrl) {
    if (dispatcher != null) {
      return;
    }
    scheduler = new ExecutorScheduler();
    AtomicInteger n = new AtomicInteger();
    sendPool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "pipelens-notify-send-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    dispatcher = new Dispatcher(notifyConfig, receivers, silences, nflog, clock, scheduler,
        sendPool, externalUrl);
    if (!config.alertmanagers().isEmpty()) {
      forwarder = new AlertmanagerForwarder(config.alertmanagers(), config.resendInterval(),
          notifyConfig.global().resolveTimeout(), metrics, clock);
      forwarder.start();
    }
    if (!early.isEmpty()) {
      List<Alert> first = List.copyOf(early);
      early.clear();
      for (Alert a : first) {
        try {
          dispatcher.put(List.of(a));
          if (forwarder != null) {
            forwarder.offer(List.of(a));
          }
        } catch (IllegalArgumentException e) {
          org.slf4j.LoggerFactory.getLogger(AlertingService.class)
              .warn("alert {} received before start not accepted: {}", a.labels(), e.getMessage());
        }
      }
    }
  }

  /**
   * Receives alerts as {@code POST /api/v2/alerts} does: into the dispatcher and, when external
   * Alertmanagers are configured, the forwarder.
   *
   * @throws IllegalArgumentException for an invalid alert (nothing is stored then)
   * @throws IllegalStateException when more than 10,000 alerts arrive before {@link #start}
   */
  public void put(List<Alert> alerts) {
    Dispatcher d;
    synchronized (this) {
      d = dispatcher;
      if (d == null) {
        // the rule manager starts evaluating before the listeners are bound: keep its first alerts
        if (early.size() + alerts.size() > MAX_EARLY_ALERTS) {
          throw new IllegalStateException("alerting is not running yet");
        }
        early.addAll(alerts);
        return;
      }
    }
    d.put(alerts);
    AlertmanagerForwarder f = forwarder;
    if (f != null) {
      f.offer(alerts);
    }
  }

  /** What the rule manager hands its alerts to (see {@link CollectorAlertSender}). */
  public AlertSender sender() {
    return new CollectorAlertSender(this);
  }

  /** The dispatcher; null before {@link #start}. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public Silences silences() {
    return silences;
  }

  public NotifyConfig notifyConfig() {
    return notifyConfig;
  }

  /** The routing configuration as loaded, with secrets replaced by {@code <secret>}. */
  public String redactedConfig() {
    return ConfigRedaction.redact(configText);
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Clock clock() {
    return clock;
  }

  /** Receiver names in configuration order. */
  public List<String> receivers() {
    List<String> out = new ArrayList<>();
    notifyConfig.receivers().forEach(r -> out.add(r.name()));
    return out;
  }

  @Override
  public synchronized void close() {
    if (dispatcher != null) {
      dispatcher.stop();
    }
    if (forwarder != null) {
      forwarder.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (sendPool != null) {
      sendPool.shutdownNow();
      try {
        // a send in progress finishes writing the notification log before the data dir is released
        sendPool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
