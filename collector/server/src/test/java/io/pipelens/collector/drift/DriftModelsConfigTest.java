package io.pipelens.collector.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.collector.config.CollectorConfig;
import io.pipelens.collector.config.ConfigException;
import io.pipelens.collector.config.ConfigLoader;
import io.pipelens.drift.config.ActionSpec;
import io.pipelens.drift.config.ModelDriftSettings;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.window.WindowPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftModelsConfigTest {
  @Test
  void modelsAreReadFromTheYamlFileNextToTheFlatKeys() throws Exception {
    Path yaml = Files.createTempFile("pipelens", ".yaml");
    Files.writeString(yaml, """
        collector:
          drift:
            window-rows: 2000
            models:
              churn:
                method: psi
                drift_share: 0.3
                window: {duration: 15m, min_rows: 100, confirmations: 3}
                reference: {rows: 5000}
                retrain:
                  actions:
                    - amqp: amqp://guest:guest@127.0.0.1:5672
                      exchange: retrain
              fraud: {}
        """);
    CollectorConfig.Drift d = ConfigLoader.load(yaml, Map.of()).drift();
    assertThat(d.windowRows()).isEqualTo(2000);
    ModelDriftSettings churn = d.models().get("churn");
    assertThat(churn.config().defaults().method()).isEqualTo(DriftMethod.PSI);
    assertThat(churn.config().driftShare()).isEqualTo(0.3);
    assertThat(churn.window()).isEqualTo(new WindowPolicy(0, 900_000, 100, 3));
    assertThat(churn.reference().rows()).isEqualTo(5000);
    assertThat(churn.retrain().onDataset()).isTrue();
    assertThat(churn.retrain().actions()).singleElement().isInstanceOf(ActionSpec.Amqp.class);
    assertThat(d.models().get("fraud").retrain()).isNull();
  }

  @Test
  void modelsCanComeFromTheEnvironmentAsYaml() {
    CollectorConfig.Drift d = ConfigLoader.load(null, Map.of("PIPELENS_COLLECTOR_DRIFT_MODELS",
        "{churn: {window: {rows: 300}}}")).drift();
    assertThat(d.models().get("churn").window().rows()).isEqualTo(300);
  }

  @Test
  void everyBadModelKeyIsReportedWithItsPathAndSource() throws Exception {
    Path yaml = Files.createTempFile("pipelens", ".yaml");
    Files.writeString(yaml, """
        collector:
          drift:
            reference-rows: 0
            models:
              churn:
                method: magic
                retrain: {actions: [{command: [], timeout: 0}]}
        """);
    assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collector.drift.reference-rows")
        .hasMessageContaining("collector.drift.models.churn.method: unknown drift method 'magic'")
        .hasMessageContaining("(run without a shell) (in " + yaml + ")")
        .hasMessageContaining("collector.drift.models.churn.retrain.actions[0].command: expected a non-empty list")
        .hasMessageContaining("collector.drift.models.churn.retrain.actions[0].timeout: expected a duration above 0");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PIPELENS_COLLECTOR_DRIFT_MODELS", "[1, 2]")))
        .hasMessageContaining("collector.drift.models (in environment variable PIPELENS_COLLECTOR_DRIFT_MODELS): "
            + "expected a mapping of model name");
  }
}
