package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.rules.runtime.AlertSender;
import io.pipelens.alerts.rules.runtime.OutgoingAlert;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the rule manager's alerts to the collector's own Alertmanager (and through it to the
 * external ones), as Prometheus posts them to {@code /api/v2/alerts}. Never throws: an invalid
 * alert is logged and skipped, the others are delivered. Quick: the dispatcher only stores.
 */
final class CollectorAlertSender implements AlertSender {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorAlertSender.class);

  private final AlertingService alerting;

  CollectorAlertSender(AlertingService alerting) {
    this.alerting = alerting;
  }

  @Override
  public void send(List<OutgoingAlert> alerts) {
    List<Alert> converted = new ArrayList<>(alerts.size());
    for (OutgoingAlert a : alerts) {
      converted.add(toAlert(a));
    }
    try {
      alerting.put(converted);
    } catch (IllegalArgumentException e) {
      // one bad alert rejects the batch: deliver the valid ones one by one
      for (Alert a : converted) {
        try {
          alerting.put(List.of(a));
        } catch (RuntimeException skipped) {
          LOG.warn("alert {} not accepted: {}", a.labels(), skipped.getMessage());
        }
      }
    } catch (IllegalStateException e) {
      LOG.debug("alerts dropped: {}", e.getMessage());
    }
  }

  static Alert toAlert(OutgoingAlert a) {
    return new Alert(a.labels(), a.annotations(), a.startsAt(), a.endsAt(), a.generatorURL(), null,
        false);
  }
}
