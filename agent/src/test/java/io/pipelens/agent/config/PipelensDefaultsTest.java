package io.pipelens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelensDefaultsTest {

  @Test
  void exportsOtlpHttpProtobufToTheLocalCollectorByDefault() {
    assertThat(PipelensDefaults.defaults())
        .containsEntry("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
  }

  @Test
  void settingsMapToTheAgentsEnvironmentVariableNames() {
    assertThat(AgentSettings.envName("otel.instrumentation.pipelens-uncaught.enabled"))
        .isEqualTo("OTEL_INSTRUMENTATION_PIPELENS_UNCAUGHT_ENABLED");
  }
}
