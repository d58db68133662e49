package io.pipelens.collector.prom.grafana;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link GrafanaProvisioner} once the collector listens, on a worker thread. A Grafana that
 * refuses or cannot be reached is logged at WARN with the reason and the collector keeps running
 * (telemetry must not wait for a dashboard tool); bad settings already stopped start-up.
 */
public final class GrafanaStartupPush {
  private static final Logger LOG = LoggerFactory.getLogger(GrafanaStartupPush.class);

  private GrafanaStartupPush() {}

  /** Does nothing when {@code collector.grafana.url} is empty; the future never fails. */
  public static Future<List<String>> start(Vertx vertx, GrafanaSettings settings, int zipkinPort, int jaegerPort,
      String queryToken) {
    if (!settings.enabled()) {
      return Future.succeededFuture(List.of());
    }
    return vertx.executeBlocking(() -> new GrafanaProvisioner(settings).push(zipkinPort, jaegerPort, queryToken), false)
        .onSuccess(done -> LOG.info("pushed to Grafana {}: {}", settings.url(), String.join("; ", done)))
        .recover(err -> {
          LOG.warn("cannot push data sources and dashboards to Grafana {} (collector.grafana.url): {}",
              settings.url(), err.getMessage());
          return Future.succeededFuture(List.of());
        });
  }
}
