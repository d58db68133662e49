package io.pipelens.alerts.notify.message;

import io.pipelens.alerts.template.GoTime;
import io.pipelens.alerts.template.TemplateObject;
import java.util.List;

/** One alert as notification templates see it ({@code .Status .Labels .Annotations .StartsAt ...}). */
public record TemplateAlert(
    String status, KV labels, KV annotations, GoTime startsAt, GoTime endsAt, String generatorURL, String fingerprint)
    implements TemplateObject {

  @Override
  public Object field(String name, List<Object> args) {
    return switch (name) {
      case "Status" -> status;
      case "Labels" -> labels;
      case "Annotations" -> annotations;
      case "StartsAt" -> startsAt;
      case "EndsAt" -> endsAt;
      case "GeneratorURL" -> generatorURL;
      case "Fingerprint" -> fingerprint;
      default -> throw new IllegalArgumentException("can't evaluate field " + name + " in type template.Alert");
    };
  }
}
