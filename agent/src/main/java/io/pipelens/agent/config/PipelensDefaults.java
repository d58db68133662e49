package io.pipelens.agent.config;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the agent at a local pipelens collector. These are defaults only: any {@code OTEL_*}
 * environment variable or {@code -Dotel.*} system property the user sets wins.
 */
public final class PipelensDefaults implements AutoConfigurationCustomizerProvider {

  /** The pipelens collector's default OTLP/HTTP listener. */
  public static final String ENDPOINT = "http://127.0.0.1:4318";

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesSupplier(PipelensDefaults::defaults);
  }

  /** The default properties, as the autoconfigure module reads them. */
  public static Map<String, String> defaults() {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.exporter.otlp.endpoint", ENDPOINT);
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    return Collections.unmodifiableMap(defaults);
  }
}
