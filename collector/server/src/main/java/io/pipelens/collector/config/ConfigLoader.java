package io.pipelens.collector.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pipelens.collector.config.CollectorConfig.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML file (optional), applies environment overrides and validates everything,
 * throwing one {@link ConfigException} that lists every bad key with where its value came from.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, String> values = new LinkedHashMap<>(ConfigKeys.DEFAULTS);
  private final Map<String, String> sources = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private static final String DRIFT_MODELS = "collector.drift.models";
  private final Map<String, io.pipelens.drift.config.ModelDriftSettings> driftModels =
      new LinkedHashMap<>();

  private ConfigLoader() {}

  /**
   * @param file YAML config file, or null for defaults plus environment
   * @param env the environment ({@code System.getenv()} in production)
   */
  public static CollectorConfig load(Path file, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader();
    if (file != null) {
      loader.readFile(file);
    }
    for (String key : ConfigKeys.DEFAULTS.keySet()) {
      String value = env.get(ConfigKeys.envName(key));
      if (value != null) {
        loader.values.put(key, value);
        loader.sources.put(key, "environment variable " + ConfigKeys.envName(key));
      }
    }
    String models = env.get(ConfigKeys.envName(DRIFT_MODELS));
    if (models != null && !models.isBlank()) {
      try {
        loader.driftModels(YAML.readTree(models), "environment variable "
            + ConfigKeys.envName(DRIFT_MODELS));
      } catch (IOException e) {
        loader.problems.add(DRIFT_MODELS + " (from environment variable "
            + ConfigKeys.envName(DRIFT_MODELS) + "): cannot read YAML: " + e.getMessage());
      }
    }
    CollectorConfig config = new Values(loader).build();
    if (!loader.problems.isEmpty()) {
      throw new ConfigException(loader.problems);
    }
    return config;
  }

  /**
   * Every key's effective value (its default, then the file, then the environment), unvalidated:
   * for settings kept outside {@link CollectorConfig}, such as {@code collector.grafana.*}. Call it
   * after {@link #load} accepted the same file and environment.
   */
  public static Map<String, String> values(Path file, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader();
    if (file != null) {
      loader.readFile(file);
    }
    for (String key : ConfigKeys.DEFAULTS.keySet()) {
      String value = env.get(ConfigKeys.envName(key));
      if (value != null) {
        loader.values.put(key, value);
      }
    }
    return Map.copyOf(loader.values);
  }

  private void readFile(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      problems.add("config file " + file + ": cannot read YAML: " + e.getMessage());
      return;
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return;
    }
    if (!root.isObject()) {
      problems.add("config file " + file + ": expected a YAML mapping at the top level");
      return;
    }
    flatten("", root, file);
  }

  private void flatten(String prefix, JsonNode node, Path file) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (key.equals(DRIFT_MODELS)) {
        driftModels(value, file.toString());
      } else if (value.isObject()) {
        flatten(key, value, file);
      } else if (!ConfigKeys.DEFAULTS.containsKey(key)) {
        problems.add(key + " (in " + file + "): unknown key; see docs/configuration.md");
      } else if (value.isArray() && ConfigKeys.LISTS.contains(key)) {
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        values.put(key, String.join(",", items));
        sources.put(key, file.toString());
      } else if (value.isArray()) {
        problems.add(key + " (in " + file + "): expected a single value, not a list");
      } else {
        values.put(key, value.isNull() ? "" : value.asText());
        sources.put(key, file.toString());
      }
    }
  }

  /** Per-model drift settings ({@code collector.drift.models.<name>}): a tree, not a flat key. */
  private void driftModels(JsonNode value, String source) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      problems.add(DRIFT_MODELS + " (in " + source + "): expected a mapping of model name to its "
          + "drift settings; see docs/drift.md");
      return;
    }
    for (Map.Entry<String, JsonNode> model : value.properties()) {
      try {
        driftModels.put(model.getKey(), io.pipelens.drift.config.DriftSettingsParser.parse(
            model.getValue(), DRIFT_MODELS + "." + model.getKey()));
      } catch (IllegalArgumentException e) {
        for (String line : e.getMessage().split("\n")) {
          problems.add(line + " (in " + source + ")");
        }
      }
    }
  }

  void problem(String key, String expected) {
    String source = sources.getOrDefault(key, "default");
    problems.add(key + " (from " + source + "): expected " + expected + ", got '"
        + (key.contains("token") ? "***" : values.get(key)) + "'");
  }

  String raw(String key) {
    return values.get(key).trim();
  }

  /** Typed access with problems collected, then the record. */
  private record Values(ConfigLoader l) {
    CollectorConfig build() {
      Listener http = new Listener(true, host("collector.http.host"), port("collector.http.port"));
      CollectorConfig.Ingest ingest = new CollectorConfig.Ingest(
          size("collector.ingest.max-body-bytes", 1),
          size("collector.ingest.max-queue-bytes", 1),
          size("collector.ingest.max-commit-bytes", 1),
          (int) Math.max(1, duration("collector.ingest.retry-after", false).toSeconds()),
          count("collector.ingest.event-loops", 0, 256),
          commitDelay("collector.ingest.commit-delay"));
      CollectorConfig.Tls tls = tls();
      CollectorConfig.Retention retention = new CollectorConfig.Retention(
          duration("collector.retention.max-age", true),
          size("collector.retention.max-disk-bytes", 0),
          duration("collector.retention.interval", false));
      String dataDir = l.raw("collector.data-dir");
      if (dataDir.isEmpty()) {
        l.problem("collector.data-dir", "a directory path");
      }
      return new CollectorConfig(
          http,
          listener("collector.otlp.grpc"),
          listener("collector.otlp.http"),
          listener("collector.zipkin"),
          Path.of(dataDir.isEmpty() ? "." : dataDir),
          ingest,
          new CollectorConfig.Auth(l.raw("collector.auth.ingest-token"),
              l.raw("collector.auth.query-token")),
          tls,
          retention,
          duration("collector.shutdown.timeout", false),
          listener("collector.jaeger"),
          new CollectorConfig.Derived(
              count("collector.series.max-series", 1, Integer.MAX_VALUE),
              duration("collector.series.lookback", false),
              count("collector.series.max-span-keys", 1, Integer.MAX_VALUE),
              duration("collector.series.collect-interval", false),
              count("collector.errors.max-groups", 1, Integer.MAX_VALUE),
              duration("collector.errors.snapshot-interval", false)),
          new CollectorConfig.Drift(
              count("collector.drift.reference-rows", 1, 10_000_000),
              count("collector.drift.window-rows", 1, 10_000_000),
              duration("collector.drift.snapshot-interval", false), l.driftModels),
          alerting(),
          rules());
    }

    private io.pipelens.collector.rules.RulesConfig rules() {
      List<String> files = new ArrayList<>();
      for (String f : l.raw("collector.rules.files").split(",")) {
        if (!f.isBlank()) {
          files.add(f.trim());
          boolean glob = f.contains("*") || f.contains("?") || f.contains("[") || f.contains("{");
          if (!glob && !Files.isReadable(Path.of(f.trim()))) {
            l.problem("collector.rules.files", "readable rule files or globs (" + f.trim()
                + " is not readable)");
          }
        }
      }
      String external = l.raw("collector.rules.external-url");
      if (!external.isEmpty() && httpUrl(external) == null) {
        l.problem("collector.rules.external-url", "an absolute http(s) URL");
      }
      return new io.pipelens.collector.rules.RulesConfig(files,
          bool("collector.rules.include-default-rules"),
          duration("collector.rules.evaluation-interval", false),
          duration("collector.rules.resend-delay", false), external,
          duration("collector.rules.watch-interval", true));
    }

    private CollectorConfig.Alerting alerting() {
      String portKey = "collector.alerting.port";
      Listener listener = l.raw(portKey).equals("-1")
          ? new Listener(false, host("collector.alerting.host"), -1)
          : new Listener(true, host("collector.alerting.host"), port(portKey));
      String file = l.raw("collector.alerting.config-file");
      if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
        l.problem("collector.alerting.config-file", "a readable Alertmanager configuration file");
      }
      String external = l.raw("collector.alerting.external-url");
      if (!external.isEmpty() && httpUrl(external) == null) {
        l.problem("collector.alerting.external-url", "an absolute http(s) URL");
      }
      List<java.net.URI> alertmanagers = new ArrayList<>();
      for (String url : l.raw("collector.alerting.alertmanagers").split(",")) {
        if (url.isBlank()) {
          continue;
        }
        java.net.URI uri = httpUrl(url.trim());
        if (uri == null) {
          l.problem("collector.alerting.alertmanagers",
              "comma-separated absolute http(s) URLs of Alertmanagers such as http://am:9093");
        } else {
          alertmanagers.add(uri);
        }
      }
      return new CollectorConfig.Alerting(listener, file, external, alertmanagers,
          duration("collector.alerting.resend-interval", false));
    }

    private static java.net.URI httpUrl(String s) {
      try {
        java.net.URI uri = new java.net.URI(s);
        boolean http = "http".equalsIgnoreCase(uri.getScheme())
            || "https".equalsIgnoreCase(uri.getScheme());
        return http && uri.getHost() != null ? uri : null;
      } catch (java.net.URISyntaxException e) {
        return null;
      }
    }

    private Listener listener(String prefix) {
      return new Listener(bool(prefix + ".enabled"), host(prefix + ".host"), port(prefix + ".port"));
    }

    private CollectorConfig.Tls tls() {
      String cert = l.raw("collector.tls.cert-file");
      String key = l.raw("collector.tls.key-file");
      if (cert.isEmpty() != key.isEmpty()) {
        l.problem(cert.isEmpty() ? "collector.tls.cert-file" : "collector.tls.key-file",
            "a PEM file path too, because TLS needs both collector.tls.cert-file and "
                + "collector.tls.key-file");
      }
      for (String k : List.of("collector.tls.cert-file", "collector.tls.key-file")) {
        String path = l.raw(k);
        if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
          l.problem(k, "a readable PEM file");
        }
      }
      return new CollectorConfig.Tls(cert, key);
    }

    private boolean bool(String key) {
      String v = l.raw(key).toLowerCase(java.util.Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        l.problem(key, "true or false");
      }
      return v.equals("true");
    }

    private String host(String key) {
      String v = l.raw(key);
      if (v.isEmpty() || v.contains(" ")) {
        l.problem(key, "a host name or IP address to bind");
      }
      return v;
    }

    private int port(String key) {
      try {
        int p = Integer.parseInt(l.raw(key));
        if (p >= 0 && p <= 65535) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      l.problem(key, "a port number 0-65535 (0 = any free port)");
      return 0;
    }

    private int count(String key, int min, int max) {
      try {
        int n = Integer.parseInt(l.raw(key));
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      l.problem(key, "a whole number " + min + "-" + max);
      return min;
    }

    private long size(String key, long min) {
      long v = Sizes.parse(l.raw(key));
      if (v < min) {
        l.problem(key, "a byte size" + (min > 0 ? " above 0" : "")
            + " such as 1048576, 512KiB, 16MiB or 2GiB");
        return Math.max(min, 0);
      }
      return v;
    }

    /** A duration from 0 up to 1s: longer would hold every acknowledgement under load that long. */
    private Duration commitDelay(String key) {
      Duration d = duration(key, true);
      if (d.compareTo(Duration.ofSeconds(1)) > 0) {
        l.problem(key, "a duration from 0 to 1s such as 1ms or 5ms (0 commits at once)");
      }
      return d;
    }

    private Duration duration(String key, boolean zeroAllowed) {
      Duration d = Sizes.parseDuration(l.raw(key));
      if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
        l.problem(key, "a duration" + (zeroAllowed ? "" : " above 0")
            + " such as 500ms, 30s, 5m, 12h or 7d");
        return Duration.ofSeconds(1);
      }
      return d;
    }
  }
}
