package io.pipelens.alerts.rules.yaml;

/** Malformed YAML, or YAML of the wrong shape; the message names the line. */
public final class YamlException extends RuntimeException {
  public YamlException(String message) {
    super(message);
  }
}
