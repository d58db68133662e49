package io.pipelens.alerts.notify.message;

import io.pipelens.alerts.template.TemplateObject;
import java.util.ArrayList;
import java.util.List;

/** A list of alerts with {@code .Firing} and {@code .Resolved}. */
public final class TemplateAlerts extends ArrayList<TemplateAlert> implements TemplateObject {
  private static final long serialVersionUID = 1L;

  public TemplateAlerts(List<TemplateAlert> alerts) {
    super(alerts);
  }

  public TemplateAlerts firing() {
    return filter("firing");
  }

  public TemplateAlerts resolved() {
    return filter("resolved");
  }

  private TemplateAlerts filter(String status) {
    return new TemplateAlerts(stream().filter(a -> a.status().equals(status)).toList());
  }

  @Override
  public Object field(String name, List<Object> args) {
    return switch (name) {
      case "Firing" -> firing();
      case "Resolved" -> resolved();
      default -> throw new IllegalArgumentException("can't evaluate field " + name + " in type template.Alerts");
    };
  }
}
