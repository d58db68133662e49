package io.pipelens.collector.rules;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.rules.runtime.AlertSender;
import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import io.pipelens.alerts.rules.runtime.ReloadResult;
import io.pipelens.alerts.rules.runtime.RuleManager;
import io.pipelens.alerts.rules.runtime.RuleManagerConfig;
import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.series.SeriesStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The collector's rule evaluation: a {@link RuleManager} over the derived series store (rule
 * outputs and {@code ALERTS} are written back into it, so they are queryable and on /metrics),
 * alert state in {@code DATA_DIR/rules/alerts-state.json}, evaluation metrics, the rules/alerts API
 * and reload. Alerts go to the sender set with {@link #sendTo} ({@link AlertSender#NONE} until
 * then).
 */
public final class RulesService implements AutoCloseable {
  private final RulesConfig config;
  private final RuleManager manager;
  private final RulesMetrics metrics;
  private volatile AlertSender sender = AlertSender.NONE;

  /**
   * Loads the rule files and starts every group's schedule.
   *
   * @param externalUrl generatorURL base when {@link RulesConfig#externalUrl()} is empty
   * @throws io.pipelens.alerts.rules.RuleFileException naming every bad file, group, rule and line
   * @throws IllegalStateException naming the alert state file when it cannot be read
   */
  public RulesService(RulesConfig config, Path dataDir, SeriesStore series, MeterRegistry registry, Clock clock,
      String externalUrl) {
    this(config, dataDir, series, new SeriesStoreSource(series), registry, clock, externalUrl);
  }

  /**
   * Rules that read more than they write to: {@code reads} is what queries see (e.g. the series
   * store combined with a history of the collector's own meters, so the default collector rules
   * have data); outputs go to {@code series}, which {@code reads} must include.
   */
  public RulesService(RulesConfig config, Path dataDir, SeriesStore series, SeriesSource reads,
      MeterRegistry registry, Clock clock, String externalUrl) {
    this.config = config;
    SeriesStoreSource source = new SeriesStoreSource(series);
    this.manager = new RuleManager(new RuleManagerConfig(config.files(), config.includeDefaultRules(),
        config.evaluationInterval().toMillis(), config.resendDelay().toMillis(),
        config.externalUrl().isEmpty() ? externalUrl : config.externalUrl(), Map.of(),
        dataDir.resolve("rules").resolve("alerts-state.json"), config.watchInterval().toMillis()),
        reads, source, this::send, clock);
    this.metrics = new RulesMetrics(registry, manager);
    try {
      manager.start();
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    metrics.refresh();
  }

  /** Where alerts go from now on (the collector's Alertmanager, external ones, or a test's recorder). */
  public void sendTo(AlertSender newSender) {
    this.sender = newSender == null ? AlertSender.NONE : newSender;
  }

  private void send(List<OutgoingAlert> alerts) {
    sender.send(alerts);
  }

  /** Mounts {@code /api/v1/rules}, {@code /api/v1/alerts} and {@code /-/reload} on the API router. */
  public void mount(Vertx vertx, Router router, BearerAuth auth) {
    new RulesRoutes(vertx, this, auth).mount(router);
  }

  /** Reloads the rule files (file watch, SIGHUP, POST /-/reload); blocking. */
  public ReloadResult reload() {
    ReloadResult r = manager.reload();
    metrics.refresh();
    return r;
  }

  /** Adds/removes per-group meters after reloads made by the file watch; call before a scrape. */
  public void refreshMetrics() {
    metrics.refresh();
  }

  public RuleManager manager() {
    return manager;
  }

  public RulesConfig config() {
    return config;
  }

  /** Stops the schedules and saves alert state. Blocking. */
  @Override
  public void close() {
    manager.close();
  }
}
