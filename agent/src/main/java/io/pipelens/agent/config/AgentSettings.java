package io.pipelens.agent.config;

import java.util.Locale;

/**
 * Reads a setting the way the OpenTelemetry agent does: system property {@code a.b-c}, else
 * environment variable {@code A_B_C}.
 */
public final class AgentSettings {

  private AgentSettings() {}

  public static String get(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(envName(property));
    }
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }

  /** Any value other than true/false (case-insensitive) falls back to the default. */
  public static boolean flag(String property, boolean defaultValue) {
    String value = get(property);
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    return defaultValue;
  }

  static String envName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
