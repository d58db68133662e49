package io.pipelens.alerts.notify.message;

import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.template.GoTime;
import io.pipelens.alerts.template.TemplateObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data notification templates run against, as in Alertmanager: {@code .Receiver .Status
 * .Alerts .GroupLabels .CommonLabels .CommonAnnotations .ExternalURL}. Firing alerts show a zero
 * {@code EndsAt}, like Alertmanager.
 */
public record TemplateData(
    String receiver,
    String status,
    TemplateAlerts alerts,
    KV groupLabels,
    KV commonLabels,
    KV commonAnnotations,
    String externalURL)
    implements TemplateObject {

  public static TemplateData of(String receiver, Map<String, String> groupLabels, List<Alert> alerts, Instant now,
      String externalURL) {
    List<TemplateAlert> list = new ArrayList<>();
    boolean firing = false;
    for (Alert a : alerts) {
      boolean resolved = a.resolvedAt(now);
      firing |= !resolved;
      list.add(new TemplateAlert(
          resolved ? "resolved" : "firing",
          new KV(a.labels()),
          new KV(a.annotations()),
          GoTime.of(a.startsAt()),
          GoTime.of(resolved ? a.endsAt() : GoTime.ZERO),
          a.generatorURL(),
          a.fingerprint()));
    }
    return new TemplateData(receiver, firing ? "firing" : "resolved", new TemplateAlerts(list), new KV(groupLabels),
        new KV(common(alerts, true)), new KV(common(alerts, false)), externalURL == null ? "" : externalURL);
  }

  private static Map<String, String> common(List<Alert> alerts, boolean labels) {
    if (alerts.isEmpty()) return Map.of();
    Map<String, String> c = new HashMap<>(labels ? alerts.get(0).labels() : alerts.get(0).annotations());
    for (Alert a : alerts.subList(1, alerts.size())) {
      Map<String, String> m = labels ? a.labels() : a.annotations();
      c.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
    }
    return c;
  }

  @Override
  public Object field(String name, List<Object> args) {
    return switch (name) {
      case "Receiver" -> receiver;
      case "Status" -> status;
      case "Alerts" -> alerts;
      case "GroupLabels" -> groupLabels;
      case "CommonLabels" -> commonLabels;
      case "CommonAnnotations" -> commonAnnotations;
      case "ExternalURL" -> externalURL;
      default -> throw new IllegalArgumentException("can't evaluate field " + name + " in type template.Data");
    };
  }
}
