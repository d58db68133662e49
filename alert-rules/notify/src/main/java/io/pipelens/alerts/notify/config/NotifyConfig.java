package io.pipelens.alerts.notify.config;

import io.pipelens.alerts.notify.timeinterval.TimeInterval;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated Alertmanager-format configuration. Build one with {@link NotifyConfigParser}.
 *
 * @param templateFiles the files matched by {@code templates:} globs, resolved against the config file's folder
 */
public record NotifyConfig(
    GlobalConfig global,
    RouteConfig route,
    List<ReceiverConfig> receivers,
    List<InhibitRuleConfig> inhibitRules,
    Map<String, List<TimeInterval>> timeIntervals,
    List<Path> templateFiles) {

  public Optional<ReceiverConfig> receiver(String name) {
    return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
