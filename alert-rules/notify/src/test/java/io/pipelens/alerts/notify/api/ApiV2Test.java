package io.pipelens.alerts.notify.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.alerts.notify.ManualScheduler;
import io.pipelens.alerts.notify.MutableClock;
import io.pipelens.alerts.notify.RecordingNotifier;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.dispatch.AlertView;
import io.pipelens.alerts.notify.dispatch.Dispatcher;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.silence.Silence;
import io.pipelens.alerts.notify.silence.Silences;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies as amtool / Prometheus send them, through the library and back out in v2 shape. */
class ApiV2Test {
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

  @Test
  void postedAlertsAndSilencesComeBackWithV2Status() {
    Silences silences = new Silences(clock);
    Dispatcher d = new Dispatcher(NotifyConfigParser.parse("route: {receiver: r}\nreceivers: [{name: r}]\n", Path.of(".")),
        Map.of("r", List.of(new RecordingNotifier("webhook[0]", true))), silences, new NotificationLog(clock),
        clock, new ManualScheduler(clock), Runnable::run, "");
    Silence s = ApiV2.postableSilence("""
        {"matchers":[{"name":"job","value":"etl|ml","isRegex":true}],"startsAt":"2026-03-01T00:00:00Z",
         "endsAt":"2026-03-01T10:00:00+08:00","createdBy":"amtool","comment":"deploy"}""");
    String id = silences.set(s);

    d.put(ApiV2.postableAlerts("""
        [{"labels":{"alertname":"Lag","job":"etl"},"annotations":{"summary":"slow"},
          "startsAt":"2026-03-01T00:00:00.5Z","generatorURL":"http://prom/graph"},
         {"labels":{"alertname":"Lag","job":"api"}}]"""));

    List<Map<String, Object>> alerts = d.alerts().stream().map(ApiV2::gettableAlert).toList();
    String json = Json.write(alerts);
    assertThat(json).contains("\"fingerprint\":\"").contains("\"receivers\":[{\"name\":\"r\"}]")
        .contains("\"startsAt\":\"2026-03-01T00:00:00.5Z\"").contains("\"endsAt\":\"2026-03-01T00:05:00Z\"");
    Map<?, ?> etlStatus = (Map<?, ?>) alerts.get(0).get("status");
    assertThat(etlStatus.get("state")).isEqualTo("suppressed");
    assertThat(etlStatus.get("silencedBy")).isEqualTo(List.of(id));
    assertThat(((Map<?, ?>) alerts.get(1).get("status")).get("state")).isEqualTo("active");

    Map<String, Object> sil = ApiV2.gettableSilence(silences.get(id).orElseThrow(), clock.instant());
    assertThat(Json.write(sil)).contains("\"matchers\":[{\"name\":\"job\",\"value\":\"etl|ml\",\"isRegex\":true,\"isEqual\":true}]")
        .contains("\"endsAt\":\"2026-03-01T02:00:00Z\"").contains("\"status\":{\"state\":\"active\"}");
    assertThat(List.of(AlertView.class)).isNotEmpty();
  }

  @Test
  void badBodiesNameTheField() {
    assertThatThrownBy(() -> ApiV2.postableAlerts("[{\"labels\":{}}]")).hasMessage("alerts[0].labels: must not be empty");
    assertThatThrownBy(() -> ApiV2.postableAlerts("[{\"labels\":{\"a\":1}}]")).hasMessage("alerts[0].labels.a: expected a string");
    assertThatThrownBy(() -> ApiV2.postableAlerts("[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]"))
        .hasMessageContaining("alerts[0].startsAt: not an RFC 3339 time");
    assertThatThrownBy(() -> ApiV2.postableSilence("{\"matchers\":[{\"value\":\"x\"}]}")).hasMessage("matchers[0].name: is required");
    assertThatThrownBy(() -> ApiV2.postableAlerts("{nope")).hasMessage("body is not valid JSON");
  }
}
