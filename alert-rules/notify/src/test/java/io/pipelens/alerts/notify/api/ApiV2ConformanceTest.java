package io.pipelens.alerts.notify.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.ManualScheduler;
import io.pipelens.alerts.notify.MutableClock;
import io.pipelens.alerts.notify.RealAlertmanager;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.dispatch.Dispatcher;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.silence.Silences;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same alerts and silence posted to a real Alertmanager and to our library must come back
 * from GET /api/v2/alerts and /api/v2/silences with the same fields and the same values (ids
 * and update times aside).
 */
class ApiV2ConformanceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = """
      route: {receiver: r, group_wait: 1h}
      receivers: [{name: r}]
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [job]
      """;

  @TempDir Path dir;

  @Test
  void alertsAndSilencesLookTheSame() throws Exception {
    assumeTrue(RealAlertmanager.installed(), "needs Debian package prometheus-alertmanager");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String alerts = """
        [{"labels":{"alertname":"Down","job":"etl","severity":"critical"},"startsAt":"%1$s","endsAt":"%2$s"},
         {"labels":{"alertname":"Lag","job":"etl","severity":"warning"},"annotations":{"summary":"慢"},"startsAt":"%1$s","endsAt":"%2$s",
          "generatorURL":"http://prom/g"},
         {"labels":{"alertname":"Disk","job":"db","severity":"warning"},"startsAt":"%1$s","endsAt":"%2$s"}]
        """.formatted(now.minusSeconds(60), now.plusSeconds(3600));
    String silence = """
        {"matchers":[{"name":"job","value":"d.*","isRegex":true,"isEqual":true}],"startsAt":"%s","endsAt":"%s",
         "createdBy":"amtool","comment":"maintenance 维护"}""".formatted(now.minusSeconds(10), now.plusSeconds(7200));

    JsonNode theirAlerts;
    JsonNode theirSilences;
    try (RealAlertmanager am = new RealAlertmanager(dir, CONFIG)) {
      assertThat(am.post("/api/v2/silences", silence).statusCode()).isEqualTo(200);
      assertThat(am.post("/api/v2/alerts", alerts).statusCode()).isEqualTo(200);
      theirAlerts = JSON.readTree(am.get("/api/v2/alerts").body());
      theirSilences = JSON.readTree(am.get("/api/v2/silences").body());
    }

    MutableClock clock = new MutableClock(Instant.now());
    Silences silences = new Silences(clock);
    Dispatcher d = new Dispatcher(NotifyConfigParser.parse(CONFIG, dir), Map.of("r", List.of()), silences,
        new NotificationLog(clock), clock, new ManualScheduler(clock), Runnable::run, "");
    silences.set(ApiV2.postableSilence(silence));
    d.put(ApiV2.postableAlerts(alerts));
    JsonNode ourAlerts = JSON.readTree(Json.write(d.alerts().stream().map(ApiV2::gettableAlert).toList()));
    JsonNode ourSilences = JSON.readTree(Json.write(silences.list().stream().map(s -> ApiV2.gettableSilence(s, clock.instant())).toList()));

    assertThat(normalise(ourAlerts)).isEqualTo(normalise(theirAlerts));
    assertThat(fieldNames(ourAlerts)).isEqualTo(fieldNames(theirAlerts));
    assertThat(normaliseSilences(ourSilences)).isEqualTo(normaliseSilences(theirSilences));
    assertThat(fieldNames(ourSilences)).isEqualTo(fieldNames(theirSilences));
  }

  /** Alerts by fingerprint with what must agree: labels, annotations, times, status (silence ids replaced). */
  private static Map<String, String> normalise(JsonNode alerts) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (JsonNode a : alerts) {
      JsonNode st = a.path("status");
      out.put(a.path("fingerprint").asText(), a.path("labels") + " " + a.path("annotations") + " "
          + Instant.parse(a.path("startsAt").asText()) + " " + Instant.parse(a.path("endsAt").asText()) + " "
          + a.path("generatorURL") + " " + a.path("receivers") + " " + st.path("state") + " silenced="
          + st.path("silencedBy").size() + " inhibitedBy=" + st.path("inhibitedBy"));
    }
    return out;
  }

  private static List<String> normaliseSilences(JsonNode silences) {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode s : silences) {
      StringBuilder ms = new StringBuilder();
      for (JsonNode m : s.path("matchers")) {
        ms.append(m.path("name")).append(m.path("value")).append(m.path("isRegex")).append(m.path("isEqual")).append(';');
      }
      out.add(ms + " " + s.path("createdBy") + " " + s.path("comment") + " " + s.path("status")
          + " " + Instant.parse(s.path("endsAt").asText()));
    }
    return out;
  }

  /** Field names per item, e.g. "generatorURL" only on the alert that has one. */
  private static List<TreeSet<String>> fieldNames(JsonNode items) {
    List<TreeSet<String>> out = new java.util.ArrayList<>();
    for (JsonNode n : items) {
      TreeSet<String> names = new TreeSet<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) names.add(it.next());
      out.add(names);
    }
    out.sort(java.util.Comparator.comparing(Object::toString));
    return out;
  }
}
