package io.pipelens.alerts.notify.webhook;

import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.message.TemplateAlert;
import io.pipelens.alerts.notify.message.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload, version 4: receiver, status, alerts[], groupLabels,
 * commonLabels, commonAnnotations, externalURL, version "4", groupKey, truncatedAlerts.
 */
public final class WebhookPayload {
  private WebhookPayload() {}

  /** @param maxAlerts 0 for all; otherwise the first {@code maxAlerts} alerts are sent and the rest counted */
  public static Map<String, Object> of(Notification n, int maxAlerts) {
    TemplateData d = n.data();
    List<TemplateAlert> alerts = d.alerts();
    int truncated = 0;
    if (maxAlerts > 0 && alerts.size() > maxAlerts) {
      truncated = alerts.size() - maxAlerts;
      alerts = alerts.subList(0, maxAlerts);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (TemplateAlert a : alerts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", a.status());
      m.put("labels", a.labels());
      m.put("annotations", a.annotations());
      m.put("startsAt", time(a.startsAt().time().toInstant()));
      m.put("endsAt", time(a.endsAt().time().toInstant()));
      m.put("generatorURL", a.generatorURL());
      m.put("fingerprint", a.fingerprint());
      list.add(m);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("receiver", d.receiver());
    p.put("status", d.status());
    p.put("alerts", list);
    p.put("groupLabels", d.groupLabels());
    p.put("commonLabels", d.commonLabels());
    p.put("commonAnnotations", d.commonAnnotations());
    p.put("externalURL", d.externalURL());
    p.put("version", "4");
    p.put("groupKey", n.groupKey());
    p.put("truncatedAlerts", truncated);
    return p;
  }

  private static String time(Instant t) {
    return Json.time(t);
  }
}
