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

  @Test
  void readsAPinnedTimeWindowReferenceAndNamesWhatIsWrongWithOne() throws Exception {
    ModelDriftSettings s = DriftSettingsParser.parse(json.readTree("""
        {"reference": {"mode": "time_window", "from": "2026-11-02T08:00:00Z", "to": "2026-11-02T10:00:00+01:00",
                       "rows": 5000}}"""), "collector.drift.models.churn");
    assertThat(s.reference()).isEqualTo(new ReferenceSettings("time_window", 5000,
        java.time.Instant.parse("2026-11-02T08:00:00Z"), java.time.Instant.parse("2026-11-02T09:00:00Z")));

    assertThatThrownBy(() -> DriftSettingsParser.parse(json.readTree("""
        {"reference": {"mode": "time_window", "from": "yesterday"}}"""), "collector.drift.models.churn"))
        .hasMessageContaining("collector.drift.models.churn.reference.from: expected an RFC 3339 time")
        .hasMessageContaining("collector.drift.models.churn.reference.to: required with mode time_window");
    assertThatThrownBy(() -> DriftSettingsParser.parse(json.readTree("""
        {"reference": {"mode": "time_window", "from": "2026-11-02T09:00:00Z", "to": "2026-11-02T08:00:00Z"}}"""),
        "m")).hasMessageContaining("m.reference: from (2026-11-02T09:00:00Z) must be before to");
    assertThatThrownBy(() -> DriftSettingsParser.parse(json.readTree("""
        {"reference": {"mode": "last_week"}}"""), "m"))
        .hasMessageContaining("m.reference.mode: expected first_rows or time_window, got 'last_week'");
  }

  @Test
  void readsReferenceAndRetrainPolicyWithEveryActionKind() throws Exception {
    ModelDriftSettings s = DriftSettingsParser.parse(json.readTree("""
        {"reference": {"mode": "first_rows", "rows": 300},
         "retrain": {"features": ["age"], "dataset_drift": true, "consecutive_windows": 3,
           "min_samples": 2000, "cooldown": "2h",
           "actions": [
             {"command": ["/usr/bin/python3", "retrain.py", "a b; rm -rf /"], "timeout": "5m",
              "env": {"EPOCHS": 3}},
             {"webhook": "http://127.0.0.1:9/hook", "headers": {"X-Token": "t"}, "retries": 2,
              "backoff": "200ms"},
             {"amqp": "amqp://guest:guest@127.0.0.1:5672/", "exchange": "retrain"}]}}"""),
        "collector.drift.models.churn");
    assertThat(s.reference()).isEqualTo(new ReferenceSettings("first_rows", 300));
    RetrainPolicy r = s.retrain();
    assertThat(r.onDataset()).isTrue();
    assertThat(r.features()).containsExactly("age");
    assertThat(r.consecutiveWindows()).isEqualTo(3);
    assertThat(r.minSamples()).isEqualTo(2000);
    assertThat(r.cooldown()).isEqualTo(java.time.Duration.ofHours(2));
    assertThat(r.actions()).containsExactly(
        new ActionSpec.Command(java.util.List.of("/usr/bin/python3", "retrain.py", "a b; rm -rf /"),
            java.time.Duration.ofMinutes(5), java.util.Map.of("EPOCHS", "3")),
        new ActionSpec.Webhook(java.net.URI.create("http://127.0.0.1:9/hook"),
            java.util.Map.of("X-Token", "t"), 2, java.time.Duration.ofMillis(200),
            java.time.Duration.ofSeconds(10)),
        new ActionSpec.Amqp("amqp://guest:guest@127.0.0.1:5672/", "retrain", "",
            java.time.Duration.ofSeconds(10)));
  }

  @Test
  void featuresAloneDoNotTriggerOnDatasetDriftAndDefaultsApply() throws Exception {
    RetrainPolicy r = DriftSettingsParser.parse(json.readTree("""
        {"retrain": {"features": ["age"], "actions": [{"command": ["true"]}]}}"""), "m").retrain();
    assertThat(r.onDataset()).isFalse();
    assertThat(r.consecutiveWindows()).isEqualTo(1);
    assertThat(r.cooldown()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(DriftSettingsParser.parse(json.readTree("{}"), "m").retrain()).isNull();
    assertThat(DriftSettingsParser.parse(json.readTree("{}"), "m").reference().rows()).isEqualTo(1000);
  }

  @Test
  void badRetrainSettingsAreAllNamed() {
    assertThatThrownBy(() -> DriftSettingsParser.parse(json.readTree("""
        {"reference": {"mode": "last_rows", "rows": 0},
         "retrain": {"dataset_drift": false, "cooldown": "soon", "actions": [
           {"command": "retrain.sh"}, {"webhook": "ftp://x/y"}, {"amqp": "http://mq", "exchang": "x"},
           {"command": ["a"], "webhook": "http://h/"}]}}"""), "m"))
        .hasMessageContaining("m.reference.mode: expected first_rows or time_window, got 'last_rows'")
        .hasMessageContaining("m.reference.rows: expected a whole number 1-10000000, got 0")
        .hasMessageContaining("m.retrain: nothing can trigger")
        .hasMessageContaining("m.retrain.cooldown: expected milliseconds or a number with unit")
        .hasMessageContaining("m.retrain.actions[0].command: expected a list of strings")
        .hasMessageContaining("m.retrain.actions[1].webhook: expected an http:// or https:// URL")
        .hasMessageContaining("m.retrain.actions[2].amqp: expected an amqp:// or amqps:// URI")
        .hasMessageContaining("m.retrain.actions[2].exchang: unknown key")
        .hasMessageContaining("m.retrain.actions[2].exchange: expected the exchange name")
        .hasMessageContaining("m.retrain.actions[3]: expected exactly one of command, webhook, amqp");
  }
}
