package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v2/status}: no cluster, the redacted routing configuration, uptime and version. */
final class StatusHandler {
  private StatusHandler() {}

  static ApiAnswer status(AlertingService alerting) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", Map.of("peers", List.of(), "status", "disabled"));
    out.put("config", Map.of("original", alerting.redactedConfig()));
    out.put("uptime", Json.time(alerting.startedAt()));
    String version = StatusHandler.class.getPackage().getImplementationVersion();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("branch", "");
    info.put("buildDate", "");
    info.put("buildUser", "");
    info.put("goVersion", "java " + Runtime.version());
    info.put("revision", "");
    info.put("version", "pipelens " + (version == null ? "dev" : version));
    out.put("versionInfo", info);
    return ApiAnswer.ok(out);
  }
}
