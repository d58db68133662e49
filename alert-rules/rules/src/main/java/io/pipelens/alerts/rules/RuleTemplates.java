package io.pipelens.alerts.rules;

import io.pipelens.alerts.template.TemplateException;
import io.pipelens.alerts.template.Templates;
import java.util.Map;

/**
 * Prometheus rule templates: Go text/template with {@code $labels}, {@code $externalLabels},
 * {@code $externalURL} and {@code $value} defined, as Prometheus's template.Expander does.
 * Thread-safe.
 */
public final class RuleTemplates {
  /** The definitions Prometheus prepends to every label and annotation template. */
  public static final String DEFS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
      + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

  private static final Templates FUNCTIONS = Templates.create();

  private RuleTemplates() {}

  /** Parses the text, throwing {@link TemplateException} naming {@code name} and the position when it is invalid. */
  public static void check(String name, String text) {
    Templates.create().parse(name, DEFS + text);
  }

  /**
   * Expands a template; an error becomes the text {@code <error expanding template: ...>} as in
   * Prometheus, so one bad annotation never stops an alert.
   */
  public static String expand(String name, String text, Map<String, String> labels, Map<String, String> externalLabels,
      String externalUrl, double value) {
    if (!text.contains("{{")) {
      return text;
    }
    try {
      return FUNCTIONS.executeText(DEFS + text, Map.of("Labels", labels, "ExternalLabels", externalLabels,
          "ExternalURL", externalUrl, "Value", value));
    } catch (TemplateException | IllegalArgumentException e) {
      return "<error expanding template: " + e.getMessage() + ">";
    }
  }
}
