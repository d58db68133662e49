package io.pipelens.alerts.notify.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; {@link #errors()} lists every problem found, not only the first. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super("invalid notification configuration:\n  "
        + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n  ")));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
