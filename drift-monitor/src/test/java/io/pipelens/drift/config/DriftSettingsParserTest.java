package io.pipelens.drift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.MethodChoice;
import io.pipelens.drift.window.WindowPolicy;
import org.junit.jupiter.api.Test;

class DriftSettingsParserTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void readsModelAndFeatureOverridesAndWindow() throws Exception {
    ModelDriftSettings s = DriftSettingsParser.parse(json.readTree("""
        {"method": "auto", "threshold": null, "drift_share": 0.3,
         "features": {"age": {"method": "psi", "threshold": 0.2}, "country": {"threshold": 0.01}},
         "window": {"rows": 5000, "duration": "15m", "min_rows": 500, "confirmations": 3}}"""),
        "drift.models.churn");
    assertThat(s.config().defaults()).isEqualTo(MethodChoice.AUTO);
    assertThat(s.config().driftShare()).isEqualTo(0.3);
    assertThat(s.config().choiceFor("age")).isEqualTo(new MethodChoice(DriftMethod.PSI, 0.2));
    assertThat(s.config().choiceFor("country")).isEqualTo(new MethodChoice(null, 0.01));
    assertThat(s.window()).isEqualTo(new WindowPolicy(5000, 900_000, 500, 3));
  }

  @Test
  void reportsEveryBadKeyWithItsPath() {
    assertThatThrownBy(() -> DriftSettingsParser.parse(json.readTree("""
        {"method": "magic", "drift_share": 2, "treshold": 0.1,
         "features": {"age": {"threshold": "high"}},
         "window": {"duration": "soon", "confirmations": 0}}"""), "drift.models.churn"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drift.models.churn.treshold: unknown key")
        .hasMessageContaining("drift.models.churn.method: unknown drift method 'magic'")
        .hasMessageContaining("drift.models.churn.drift_share: expected a number in (0, 1], got 2.0")
        .hasMessageContaining("drift.models.churn.features.age.threshold: expected a number >= 0, got \"high\"")
        .hasMessageContaining("drift.models.churn.window.duration: expected milliseconds or a number with unit");
  }
}
