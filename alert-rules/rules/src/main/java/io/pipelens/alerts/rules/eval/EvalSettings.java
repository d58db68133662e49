package io.pipelens.alerts.rules.eval;

import io.pipelens.alerts.promql.EngineOptions;
import java.util.Map;

/**
 * What rule evaluation needs besides the rules and data.
 *
 * @param externalLabels available to templates as {@code $externalLabels} (not added to alert labels here)
 * @param externalUrl {@code $externalURL} in templates
 * @param engine PromQL engine settings (lookback, default subquery step = global evaluation interval)
 */
public record EvalSettings(Map<String, String> externalLabels, String externalUrl, EngineOptions engine) {
  public static final EvalSettings DEFAULTS = new EvalSettings(Map.of(), "", EngineOptions.DEFAULTS);

  public EvalSettings {
    externalLabels = Map.copyOf(externalLabels);
  }
}
