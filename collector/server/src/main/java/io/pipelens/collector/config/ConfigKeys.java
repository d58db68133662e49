package io.pipelens.collector.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every configuration key with its default. The environment variable of a key is {@code
 * PIPELENS_} plus the key upper-cased with dots and dashes as underscores ({@code
 * collector.http.port} is {@code PIPELENS_COLLECTOR_HTTP_PORT}). Keep docs/configuration.md in step.
 */
final class ConfigKeys {
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    listener("collector.http", 8080);
    DEFAULTS.remove("collector.http.enabled");
    listener("collector.otlp.grpc", 4317);
    listener("collector.otlp.http", 4318);
    listener("collector.zipkin", 9411);
    listener("collector.jaeger", 16686);
    DEFAULTS.put("collector.data-dir", "./data");
    DEFAULTS.put("collector.ingest.max-body-bytes", "16MiB");
    DEFAULTS.put("collector.ingest.max-queue-bytes", "256MiB");
    DEFAULTS.put("collector.ingest.max-commit-bytes", "16MiB");
    DEFAULTS.put("collector.ingest.retry-after", "5s");
    DEFAULTS.put("collector.ingest.event-loops", "0");
    DEFAULTS.put("collector.ingest.commit-delay", "1ms");
    DEFAULTS.put("collector.auth.ingest-token", "");
    DEFAULTS.put("collector.auth.query-token", "");
    DEFAULTS.put("collector.tls.cert-file", "");
    DEFAULTS.put("collector.tls.key-file", "");
    DEFAULTS.put("collector.retention.max-age", "7d");
    DEFAULTS.put("collector.retention.max-disk-bytes", "0");
    DEFAULTS.put("collector.retention.interval", "5m");
    DEFAULTS.put("collector.shutdown.timeout", "30s");
    DEFAULTS.put("collector.series.max-series", "100000");
    DEFAULTS.put("collector.series.lookback", "1h");
    DEFAULTS.put("collector.series.max-span-keys", "10000");
    DEFAULTS.put("collector.series.collect-interval", "15s");
    DEFAULTS.put("collector.errors.max-groups", "10000");
    DEFAULTS.put("collector.errors.snapshot-interval", "1m");
    DEFAULTS.put("collector.drift.reference-rows", "1000");
    DEFAULTS.put("collector.drift.window-rows", "1000");
    DEFAULTS.put("collector.drift.snapshot-interval", "1m");
    DEFAULTS.put("collector.alerting.host", "0.0.0.0");
    DEFAULTS.put("collector.alerting.port", "9093");
    DEFAULTS.put("collector.alerting.config-file", "");
    DEFAULTS.put("collector.alerting.external-url", "");
    DEFAULTS.put("collector.alerting.alertmanagers", "");
    DEFAULTS.put("collector.alerting.resend-interval", "1m");
    DEFAULTS.put("collector.rules.files", "");
    DEFAULTS.put("collector.rules.include-default-rules", "true");
    DEFAULTS.put("collector.rules.evaluation-interval", "1m");
    DEFAULTS.put("collector.rules.resend-delay", "1m");
    DEFAULTS.put("collector.rules.external-url", "");
    DEFAULTS.put("collector.rules.watch-interval", "10s");
    // collector.store.memory-limit, collector.store.threads: read by StoreConfig
    DEFAULTS.putAll(new java.util.TreeMap<>(StoreConfig.DEFAULTS));
    // collector.store.span-log.*: read by SpanLogConfig
    DEFAULTS.putAll(new java.util.TreeMap<>(SpanLogConfig.DEFAULTS));
    // collector.grafana.*: read by io.pipelens.collector.prom.grafana.GrafanaSettings
    DEFAULTS.put("collector.grafana.url", "");
    DEFAULTS.put("collector.grafana.token-env", "GRAFANA_TOKEN");
    DEFAULTS.put("collector.grafana.folder-uid", "pipelens");
    DEFAULTS.put("collector.grafana.collector-url", "");
    DEFAULTS.put("collector.grafana.dashboards-dir", "dashboards/generated");
  }

  /** Keys whose YAML value may be a list; it is joined with commas (the environment form). */
  static final java.util.Set<String> LISTS = java.util.Set.of("collector.alerting.alertmanagers",
      "collector.rules.files");

  private ConfigKeys() {}

  private static void listener(String prefix, int port) {
    DEFAULTS.put(prefix + ".enabled", "true");
    DEFAULTS.put(prefix + ".host", "0.0.0.0");
    DEFAULTS.put(prefix + ".port", Integer.toString(port));
  }

  static String envName(String key) {
    return "PIPELENS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
