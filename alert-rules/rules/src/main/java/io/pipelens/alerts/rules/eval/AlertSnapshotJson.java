package io.pipelens.alerts.rules.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.alerts.promql.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON form of {@link AlertSnapshot}: {@code {"group":..,"rules":{"0:Name":[{"labels":{..},
 * "annotations":{..},"state":"firing","value":"1.5","activeAt":ms,...}]}}}. Values are strings so
 * NaN and infinities survive.
 */
public final class AlertSnapshotJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertSnapshotJson() {}

  public static String write(AlertSnapshot s) {
    ObjectNode root = JSON.createObjectNode().put("group", s.group());
    ObjectNode rules = root.putObject("rules");
    s.alerts().forEach((k, alerts) -> {
      ArrayNode arr = rules.putArray(k);
      for (Alert a : alerts) {
        ObjectNode o = arr.addObject();
        ObjectNode l = o.putObject("labels");
        a.labels().toMap().forEach(l::put);
        ObjectNode an = o.putObject("annotations");
        a.annotations().forEach(an::put);
        o.put("state", a.state().label()).put("value", Double.toString(a.value())).put("activeAt", a.activeAtMs())
            .put("firedAt", a.firedAtMs()).put("resolvedAt", a.resolvedAtMs()).put("keepFiringSince", a.keepFiringSinceMs());
      }
    });
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws IllegalArgumentException naming what is wrong when the text is not a snapshot */
  public static AlertSnapshot read(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("alert state is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("group").isTextual() || !root.path("rules").isObject()) {
      throw new IllegalArgumentException("alert state needs a string \"group\" and an object \"rules\"");
    }
    Map<String, List<Alert>> out = new LinkedHashMap<>();
    root.get("rules").fields().forEachRemaining(e -> {
      List<Alert> alerts = new ArrayList<>();
      for (JsonNode o : e.getValue()) {
        alerts.add(new Alert(Labels.fromMap(strings(o.path("labels"))), strings(o.path("annotations")),
            state(o.path("state").asText()), Double.parseDouble(o.path("value").asText("0")), o.path("activeAt").asLong(),
            o.path("firedAt").asLong(), o.path("resolvedAt").asLong(), o.path("keepFiringSince").asLong()));
      }
      out.put(e.getKey(), alerts);
    });
    return new AlertSnapshot(root.get("group").asText(), out);
  }

  private static AlertState state(String s) {
    for (AlertState st : AlertState.values()) {
      if (st.label().equals(s)) {
        return st;
      }
    }
    throw new IllegalArgumentException("unknown alert state \"" + s + "\" in alert state (expected inactive, pending or firing)");
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new TreeMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
