package io.pipelens.collector.prom;

import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.rules.SeriesStoreSource;
import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.SeriesStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the Prometheus query API into the collector: the derived series store (span metrics,
 * errors, OTLP metrics, drift gauges, rule output such as {@code ALERTS}) plus a history of the
 * collector's own meters, sampled every {@code collector.series.collect-interval}.
 */
public final class PrometheusQueryApi {
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusQueryApi.class);

  private PrometheusQueryApi() {}

  /**
   * @param timerId the sampling timer's id, to cancel on close
   * @param reads what queries see: the derived series and the history of the collector's own meters
   */
  public record Mounted(long timerId, SeriesSource reads) {}

  /**
   * Mounts {@code /api/v1/...} on the API router and starts sampling {@code ownMeters} (the
   * registry's text exposition, read on a worker).
   *
   * @return the sampling timer and the combined source (the rule manager reads it too)
   */
  public static Mounted mount(Vertx vertx, Router router, SeriesStore derived, Supplier<String> ownMeters,
      CollectorConfig.Derived config, Clock clock) {
    SelfMetricsHistory self = new SelfMetricsHistory(config.lookback().toMillis());
    Supplier<Map<String, MetricMetadata>> metadata = () -> {
      Map<String, MetricMetadata> all = new HashMap<>(self.store().allMetadata());
      all.putAll(derived.allMetadata());
      return all;
    };
    String version = String.valueOf(PrometheusQueryApi.class.getPackage().getImplementationVersion());
    SeriesSource reads = PrometheusApi.combine(List.of(new SeriesStoreSource(derived),
        new SeriesStoreSource(self.store())));
    PrometheusApi api = new PrometheusApi(reads, metadata, clock, "null".equals(version) ? "dev" : version);
    new PrometheusApiRoutes(vertx, api).mount(router);
    long everyMs = Math.max(1, config.collectInterval().toMillis());
    long timer = vertx.setPeriodic(1, everyMs, id -> vertx.executeBlocking(() -> {
      self.record(ownMeters.get(), clock.millis());
      return null;
    }, false).onFailure(err -> LOG.debug("sampling the collector's own meters failed", err)));
    return new Mounted(timer, reads);
  }
}
