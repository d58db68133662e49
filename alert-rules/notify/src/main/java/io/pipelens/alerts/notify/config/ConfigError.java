package io.pipelens.alerts.notify.config;

/** One problem in the configuration: where (a dotted path such as {@code route.routes[1].group_wait}) and what. */
public record ConfigError(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
