package io.pipelens.alerts.notify.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.dispatch.AlertView;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.silence.Silence;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager API v2 JSON shapes for alerts and silences, so an HTTP server (the collector) is a
 * thin layer: parse the body with these, call the {@code Dispatcher}/{@code Silences}, write the
 * result. Parse errors are {@link IllegalArgumentException}s naming the field, for a 400 answer.
 */
public final class ApiV2 {
  private ApiV2() {}

  /** GET /api/v2/alerts item. */
  public static Map<String, Object> gettableAlert(AlertView v) {
    Alert a = v.alert();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", a.labels());
    m.put("annotations", a.annotations());
    m.put("startsAt", Json.time(a.startsAt()));
    m.put("endsAt", Json.time(a.endsAt()));
    m.put("updatedAt", Json.time(a.updatedAt()));
    if (!a.generatorURL().isEmpty()) m.put("generatorURL", a.generatorURL()); // omitted when empty, as Alertmanager
    m.put("fingerprint", a.fingerprint());
    m.put("receivers", v.receivers().stream().map(r -> Map.of("name", r)).toList());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", v.status().state());
    status.put("silencedBy", v.status().silencedBy());
    status.put("inhibitedBy", v.status().inhibitedBy());
    m.put("status", status);
    return m;
  }

  /** POST /api/v2/alerts body: a list of {labels, annotations?, startsAt?, endsAt?, generatorURL?}. */
  public static List<Alert> postableAlerts(String body) {
    return postableAlerts(body, true);
  }

  static List<Alert> postableAlerts(String body, boolean requireLabels) {
    JsonNode root = parse(body);
    if (!root.isArray()) throw new IllegalArgumentException("expected a JSON array of alerts");
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode a = root.get(i);
      String at = "alerts[" + i + "]";
      Map<String, String> labels = stringMap(a.get("labels"), at + ".labels");
      if (!a.isObject()) throw new IllegalArgumentException(at + ": expected an object");
      if (requireLabels && labels.isEmpty()) throw new IllegalArgumentException(at + ".labels: must not be empty");
      out.add(new Alert(labels, stringMap(a.get("annotations"), at + ".annotations"), time(a.get("startsAt"), at + ".startsAt"),
          time(a.get("endsAt"), at + ".endsAt"), a.path("generatorURL").asText(""), null, false));
    }
    return out;
  }

  /** GET /api/v2/silences item. */
  public static Map<String, Object> gettableSilence(Silence s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    List<Map<String, Object>> ms = new ArrayList<>();
    for (Matcher x : s.matchers()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("name", x.name());
      mm.put("value", x.value());
      mm.put("isRegex", x.isRegex());
      mm.put("isEqual", x.isEqual());
      ms.add(mm);
    }
    m.put("matchers", ms);
    m.put("startsAt", Json.time(s.startsAt()));
    m.put("endsAt", Json.time(s.endsAt()));
    m.put("updatedAt", Json.time(s.updatedAt()));
    m.put("createdBy", s.createdBy());
    m.put("comment", s.comment());
    m.put("status", Map.of("state", s.state(now).apiName()));
    return m;
  }

  /** POST /api/v2/silences body; {@code isEqual} defaults to true as in Alertmanager. */
  public static Silence postableSilence(String body) {
    JsonNode s = parse(body);
    if (!s.isObject()) throw new IllegalArgumentException("expected a JSON object");
    JsonNode ms = s.get("matchers");
    if (ms == null || !ms.isArray() || ms.isEmpty()) throw new IllegalArgumentException("matchers: at least one matcher is required");
    List<Matcher> matchers = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      String name = m.path("name").asText("");
      if (name.isEmpty()) throw new IllegalArgumentException("matchers[" + i + "].name: is required");
      if (!m.has("value") || !m.get("value").isTextual()) throw new IllegalArgumentException("matchers[" + i + "].value: is required");
      matchers.add(Matcher.fromApi(name, m.get("value").asText(), m.path("isRegex").asBoolean(false), m.path("isEqual").asBoolean(true)));
    }
    Instant start = time(s.get("startsAt"), "startsAt");
    Instant end = time(s.get("endsAt"), "endsAt");
    if (start == null || end == null) throw new IllegalArgumentException("startsAt and endsAt are required");
    return new Silence(s.path("id").asText(""), matchers, start, end, null, s.path("createdBy").asText(""),
        s.path("comment").asText(""));
  }

  private static JsonNode parse(String body) {
    JsonNode n = Json.readOrNull(body);
    if (n == null) throw new IllegalArgumentException("body is not valid JSON");
    return n;
  }

  private static Map<String, String> stringMap(JsonNode n, String at) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) return out;
    if (!n.isObject()) throw new IllegalArgumentException(at + ": expected an object of strings");
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) throw new IllegalArgumentException(at + "." + e.getKey() + ": expected a string");
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static Instant time(JsonNode n, String at) {
    if (n == null || n.isNull() || n.asText().isEmpty() || n.asText().startsWith("0001-01-01T00:00:00")) return null;
    try {
      return java.time.OffsetDateTime.parse(n.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(at + ": not an RFC 3339 time: \"" + n.asText() + "\"");
    }
  }
}
