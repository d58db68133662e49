package io.pipelens.alerts.notify.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.alert.Matchers;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping being read into a config record. Every read marks the key as known; {@link
 * #finish()} reports the keys nobody read. Problems are collected, not thrown, so one pass reports
 * them all.
 */
final class YamlNode {
  private final JsonNode node;
  private final String path;
  private final List<ConfigError> errors;
  private final Set<String> read = new HashSet<>();

  YamlNode(JsonNode node, String path, List<ConfigError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  String path() {
    return path;
  }

  String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void error(String key, String message) {
    errors.add(new ConfigError(key == null ? (path.isEmpty() ? "<root>" : path) : at(key), message));
  }

  boolean has(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  private JsonNode raw(String key) {
    read.add(key);
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  String string(String key) {
    JsonNode v = raw(key);
    if (v == null) return null;
    if (!v.isValueNode()) {
      error(key, "expected a string, got a " + kind(v));
      return null;
    }
    return v.asText();
  }

  String string(String key, String def) {
    String s = string(key);
    return s == null ? def : s;
  }

  String required(String key) {
    String s = string(key);
    if (s == null || s.isEmpty()) {
      if (!has(key) || s != null) error(key, "is required");
      return null;
    }
    return s;
  }

  Boolean bool(String key) {
    JsonNode v = raw(key);
    if (v == null) return null;
    if (!v.isBoolean()) {
      if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.valueOf(v.asText());
      error(key, "expected true or false, got " + v);
      return null;
    }
    return v.booleanValue();
  }

  boolean bool(String key, boolean def) {
    Boolean b = bool(key);
    return b == null ? def : b;
  }

  int integer(String key, int def) {
    JsonNode v = raw(key);
    if (v == null) return def;
    if (v.canConvertToInt() && v.isIntegralNumber()) return v.intValue();
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.asText());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    error(key, "expected an integer, got " + v);
    return def;
  }

  Duration duration(String key) {
    String s = string(key);
    if (s == null) return null;
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      error(key, e.getMessage());
      return null;
    }
  }

  URI url(String key) {
    String s = string(key);
    if (s == null) return null;
    try {
      URI u = new URI(s);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        error(key, "expected an http(s) URL with a host, got \"" + redact(s) + "\"");
        return null;
      }
      return u;
    } catch (URISyntaxException e) {
      error(key, "not a valid URL: " + e.getReason());
      return null;
    }
  }

  private static String redact(String url) {
    return io.pipelens.alerts.notify.http.Redact.url(url);
  }

  List<String> strings(String key) {
    JsonNode v = raw(key);
    if (v == null) return List.of();
    List<String> out = new ArrayList<>();
    if (!v.isArray()) {
      error(key, "expected a list of strings, got a " + kind(v));
      return out;
    }
    int i = 0;
    for (JsonNode e : v) {
      if (!e.isValueNode()) error(key + "[" + i + "]", "expected a string, got a " + kind(e));
      else out.add(e.asText());
      i++;
    }
    return out;
  }

  Map<String, String> stringMap(String key) {
    JsonNode v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) return out;
    if (!v.isObject()) {
      error(key, "expected a mapping of strings, got a " + kind(v));
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode()) error(key + "." + e.getKey(), "expected a string");
      else out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** Parses a list of matcher strings ("matchers", "source_matchers" ...). */
  List<Matcher> matchers(String key) {
    List<Matcher> out = new ArrayList<>();
    List<String> raw = strings(key);
    for (int i = 0; i < raw.size(); i++) {
      try {
        out.addAll(Matchers.parse(raw.get(i)));
      } catch (IllegalArgumentException e) {
        error(key + "[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  /** Legacy {@code match} / {@code match_re} maps. */
  List<Matcher> legacyMatchers(String key, boolean regex) {
    List<Matcher> out = new ArrayList<>();
    stringMap(key).forEach((k, v) -> {
      try {
        out.add(Matcher.of(k, regex ? Matcher.Type.RE : Matcher.Type.EQ, v));
      } catch (IllegalArgumentException e) {
        error(key + "." + k, e.getMessage());
      }
    });
    return out;
  }

  YamlNode child(String key) {
    JsonNode v = raw(key);
    if (v == null) return null;
    if (!v.isObject()) {
      error(key, "expected a mapping, got a " + kind(v));
      return null;
    }
    return new YamlNode(v, at(key), errors);
  }

  List<YamlNode> list(String key) {
    JsonNode v = raw(key);
    List<YamlNode> out = new ArrayList<>();
    if (v == null) return out;
    if (!v.isArray()) {
      error(key, "expected a list, got a " + kind(v));
      return out;
    }
    int i = 0;
    for (JsonNode e : v) {
      String p = at(key) + "[" + i++ + "]";
      if (!e.isObject()) errors.add(new ConfigError(p, "expected a mapping, got a " + kind(e)));
      else out.add(new YamlNode(e, p, errors));
    }
    return out;
  }

  /** Reports every key that no reader asked for. */
  void finish() {
    finish(Map.of());
  }

  /** Like {@link #finish()}, with a specific message for keys known to Alertmanager but not supported. */
  void finish(Map<String, String> unsupported) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (read.contains(k)) continue;
      String why = unsupported.get(k);
      error(k, why != null ? why : "unknown key (not an Alertmanager/pipelens setting; check spelling and indentation)");
    }
  }

  private static String kind(JsonNode v) {
    if (v.isObject()) return "mapping";
    if (v.isArray()) return "list";
    return v.getNodeType().name().toLowerCase();
  }
}
