package io.pipelens.drift.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code reference} and {@code retrain} parts of a model's drift settings:
 *
 * <pre>
 * reference: {mode: first_rows, rows: 1000}
 * retrain:
 *   dataset_drift: true         # default true unless features are given
 *   features: [age, income]     # any of these drifted counts too
 *   consecutive_windows: 2      # default 1
 *   min_samples: 2000           # rows of those windows together, default 0
 *   cooldown: 1h                # default 1h
 *   actions:
 *     - command: [/usr/bin/python3, retrain.py]
 *       timeout: 30m            # default 1h
 *       env: {EPOCHS: "3"}
 *     - webhook: https://ci.example.com/hooks/retrain
 *       headers: {Authorization: Bearer ...}
 *       retries: 3              # default 3
 *       backoff: 1s             # default 1s, doubled per retry
 *       timeout: 10s            # per attempt, default 10s
 *     - amqp: amqp://user:pass@mq:5672/
 *       exchange: retrain
 *       routing_key: churn      # default: the model name
 *       timeout: 10s
 * </pre>
 */
final class RetrainSettingsParser {
  private static final Set<String> REFERENCE = Set.of("mode", "rows", "from", "to");
  private static final Set<String> RETRAIN = Set.of("dataset_drift", "features",
      "consecutive_windows", "min_samples", "cooldown", "actions");
  private static final Set<String> COMMAND = Set.of("command", "timeout", "env");
  private static final Set<String> WEBHOOK = Set.of("webhook", "headers", "retries", "backoff", "timeout");
  private static final Set<String> AMQP = Set.of("amqp", "exchange", "routing_key", "timeout");

  private RetrainSettingsParser() {}

  static ReferenceSettings reference(JsonNode node, String path, List<String> errors) {
    if (node == null || node.isNull()) {
      return ReferenceSettings.DEFAULT;
    }
    if (!node.isObject()) {
      errors.add(path + ": expected a mapping with mode and rows");
      return ReferenceSettings.DEFAULT;
    }
    DriftSettingsParser.unknownKeys(node, REFERENCE, path, errors);
    String mode = node.path("mode").asText(ReferenceSettings.FIRST_ROWS);
    boolean window = ReferenceSettings.TIME_WINDOW.equals(mode);
    boolean badMode = !ReferenceSettings.FIRST_ROWS.equals(mode) && !window;
    if (badMode) {
      errors.add(path + ".mode: expected first_rows or time_window, got '" + mode + "'");
    }
    long rows = (long) DriftSettingsParser.number(node, "rows", path, window ? 100_000 : 1000, errors);
    if (rows < 1 || rows > 10_000_000) {
      errors.add(path + ".rows: expected a whole number 1-10000000, got " + rows);
      return ReferenceSettings.DEFAULT;
    }
    if (badMode) {
      return ReferenceSettings.DEFAULT;
    }
    if (!window) {
      if (node.has("from") || node.has("to")) {
        errors.add(path + ": from/to belong to mode time_window, not first_rows");
      }
      return new ReferenceSettings(ReferenceSettings.FIRST_ROWS, (int) rows);
    }
    java.time.Instant from = instant(node.get("from"), path + ".from", errors);
    java.time.Instant to = instant(node.get("to"), path + ".to", errors);
    if (from == null || to == null) {
      return ReferenceSettings.DEFAULT;
    }
    if (!from.isBefore(to)) {
      errors.add(path + ": from (" + from + ") must be before to (" + to + ")");
      return ReferenceSettings.DEFAULT;
    }
    return new ReferenceSettings(ReferenceSettings.TIME_WINDOW, (int) rows, from, to);
  }

  private static java.time.Instant instant(JsonNode node, String path, List<String> errors) {
    if (node == null || node.isNull()) {
      errors.add(path + ": required with mode time_window (RFC 3339, e.g. 2026-11-01T00:00:00Z)");
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(node.asText()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(path + ": expected an RFC 3339 time such as 2026-11-01T00:00:00Z, got '" + node.asText() + "'");
      return null;
    }
  }

  static RetrainPolicy retrain(JsonNode node, String path, List<String> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      errors.add(path + ": expected a mapping with dataset_drift, features, consecutive_windows, "
          + "min_samples, cooldown and actions");
      return null;
    }
    DriftSettingsParser.unknownKeys(node, RETRAIN, path, errors);
    List<String> features = strings(node.get("features"), path + ".features", errors);
    boolean dataset = features.isEmpty();
    JsonNode d = node.get("dataset_drift");
    if (d != null && !d.isNull()) {
      if (!d.isBoolean()) {
        errors.add(path + ".dataset_drift: expected true or false, got " + d);
      } else {
        dataset = d.asBoolean();
      }
    }
    if (!dataset && features.isEmpty()) {
      errors.add(path + ": nothing can trigger: set dataset_drift: true and/or features");
    }
    long windows = (long) DriftSettingsParser.number(node, "consecutive_windows", path, 1, errors);
    if (windows < 1) {
      errors.add(path + ".consecutive_windows: expected an integer >= 1, got " + windows);
    }
    long minSamples = (long) DriftSettingsParser.number(node, "min_samples", path, 0, errors);
    long cooldown = node.has("cooldown") ? DriftSettingsParser.millis(node.get("cooldown"),
        path + ".cooldown", errors) : 3_600_000L;
    List<ActionSpec> actions = new ArrayList<>();
    JsonNode list = node.get("actions");
    if (list == null || !list.isArray() || list.isEmpty()) {
      errors.add(path + ".actions: expected a list of at least one action (command, webhook or amqp)");
    } else {
      for (int i = 0; i < list.size(); i++) {
        ActionSpec a = action(list.get(i), path + ".actions[" + i + "]", errors);
        if (a != null) {
          actions.add(a);
        }
      }
    }
    return new RetrainPolicy(dataset, features, (int) Math.max(1, windows), minSamples,
        Duration.ofMillis(Math.max(0, cooldown)), actions);
  }

  private static ActionSpec action(JsonNode a, String path, List<String> errors) {
    if (a == null || !a.isObject()) {
      errors.add(path + ": expected a mapping with one of command, webhook, amqp");
      return null;
    }
    int kinds = (a.has("command") ? 1 : 0) + (a.has("webhook") ? 1 : 0) + (a.has("amqp") ? 1 : 0);
    if (kinds != 1) {
      errors.add(path + ": expected exactly one of command, webhook, amqp");
      return null;
    }
    if (a.has("command")) {
      DriftSettingsParser.unknownKeys(a, COMMAND, path, errors);
      List<String> argv = strings(a.get("command"), path + ".command", errors);
      if (argv.isEmpty()) {
        errors.add(path + ".command: expected a non-empty list: the program, then its arguments "
            + "(run without a shell)");
      }
      return new ActionSpec.Command(argv, duration(a, path, "timeout", 3_600_000L, errors),
          stringMap(a.get("env"), path + ".env", errors));
    }
    if (a.has("webhook")) {
      DriftSettingsParser.unknownKeys(a, WEBHOOK, path, errors);
      URI url = null;
      String text = a.get("webhook").asText("");
      try {
        url = URI.create(text);
      } catch (IllegalArgumentException e) {
        // reported below
      }
      if (url == null || !a.get("webhook").isTextual() || url.getHost() == null
          || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        errors.add(path + ".webhook: expected an http:// or https:// URL, got " + a.get("webhook"));
      }
      long retries = (long) DriftSettingsParser.number(a, "retries", path, 3, errors);
      return new ActionSpec.Webhook(url, stringMap(a.get("headers"), path + ".headers", errors),
          (int) Math.min(retries, 100), duration(a, path, "backoff", 1000, errors),
          duration(a, path, "timeout", 10_000, errors));
    }
    DriftSettingsParser.unknownKeys(a, AMQP, path, errors);
    String uri = a.get("amqp").asText("");
    if (!a.get("amqp").isTextual() || !(uri.startsWith("amqp://") || uri.startsWith("amqps://"))) {
      errors.add(path + ".amqp: expected an amqp:// or amqps:// URI, got " + a.get("amqp"));
    }
    JsonNode exchange = a.get("exchange");
    if (exchange == null || !exchange.isTextual()) {
      errors.add(path + ".exchange: expected the exchange name (\"\" = the default exchange)");
    }
    return new ActionSpec.Amqp(uri, exchange == null ? "" : exchange.asText(),
        a.path("routing_key").asText(""), duration(a, path, "timeout", 10_000, errors));
  }

  private static Duration duration(JsonNode a, String path, String key, long dflt, List<String> errors) {
    if (!a.has(key)) {
      return Duration.ofMillis(dflt);
    }
    long ms = DriftSettingsParser.millis(a.get(key), path + "." + key, errors);
    if (ms == 0) {
      errors.add(path + "." + key + ": expected a duration above 0");
    }
    return Duration.ofMillis(ms > 0 ? ms : dflt);
  }

  private static List<String> strings(JsonNode n, String path, List<String> errors) {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      errors.add(path + ": expected a list of strings, got " + n);
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = n.get(i);
      if (!v.isValueNode() || v.isNull() || v.asText().isEmpty()) {
        errors.add(path + "[" + i + "]: expected a non-empty string, got " + v);
      } else {
        out.add(v.asText());
      }
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonNode n, String path, List<String> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      errors.add(path + ": expected a mapping of names to strings");
      return out;
    }
    for (var e : n.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        errors.add(path + "." + e.getKey() + ": expected a string, got " + e.getValue());
      } else {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }
}
