package io.pipelens.alerts.rules.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * An alert as the rule engine hands it on, in the shape Prometheus posts to Alertmanager
 * ({@code POST /api/v2/alerts}): a firing alert carries an {@code endsAt} in the near future
 * (re-sent every cycle while it fires), a resolved one carries the time it resolved.
 */
public record OutgoingAlert(
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorURL) {

  public OutgoingAlert {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    generatorURL = generatorURL == null ? "" : generatorURL;
  }
}
