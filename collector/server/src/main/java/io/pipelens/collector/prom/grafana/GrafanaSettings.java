package io.pipelens.collector.prom.grafana;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code collector.grafana.*}: where the collector pushes its data sources and dashboards at
 * start-up. Disabled when {@code url} is empty.
 *
 * @param url Grafana's base URL
 * @param tokenEnv name of the environment variable holding a service account token
 * @param token that variable's value
 * @param folderUid folder the dashboards are saved in (created when missing, title "pipelens")
 * @param collectorUrl the collector's API port as Grafana reaches it: the Prometheus data source
 *     URL; Zipkin and Jaeger data sources use the same host with their own ports
 * @param dashboardsDir folder with the committed dashboard JSON ({@code dashboards/generated})
 */
public record GrafanaSettings(URI url, String tokenEnv, String token, String folderUid, URI collectorUrl,
    Path dashboardsDir, Duration timeout) {

  public static final String PREFIX = "collector.grafana.";

  /** Keys with their defaults ({@code collector-url}'s default is derived from the API port). */
  public static final Map<String, String> DEFAULTS = Map.of(
      PREFIX + "url", "",
      PREFIX + "token-env", "GRAFANA_TOKEN",
      PREFIX + "folder-uid", "pipelens",
      PREFIX + "collector-url", "",
      PREFIX + "dashboards-dir", "dashboards/generated");

  public boolean enabled() {
    return url != null;
  }

  /**
   * Reads the settings from configuration values (key → value, defaults applied by the caller or
   * here) and the environment; every bad key is reported at once, by key.
   *
   * @param apiPort the collector's API port, for the default {@code collector-url}
   * @throws IllegalArgumentException listing every problem, one per line
   */
  public static GrafanaSettings from(Map<String, String> values, Map<String, String> env, int apiPort) {
    List<String> problems = new ArrayList<>();
    String url = value(values, "url");
    if (url.isEmpty()) {
      return new GrafanaSettings(null, "", "", "", null, null, Duration.ofSeconds(30));
    }
    URI grafana = httpUrl("url", url, problems);
    String tokenEnv = value(values, "token-env");
    String token = "";
    if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problems.add(PREFIX + "token-env: not an environment variable name: '" + tokenEnv + "'");
    } else {
      token = env.getOrDefault(tokenEnv, "").strip();
      if (token.isEmpty()) {
        problems.add(PREFIX + "token-env: environment variable " + tokenEnv
            + " is not set (a Grafana service account token with the Admin role is needed to push)");
      }
    }
    String folder = value(values, "folder-uid");
    if (!folder.matches("[A-Za-z0-9_-]{1,40}")) {
      problems.add(PREFIX + "folder-uid: expected 1-40 letters, digits, '-' or '_', got '" + folder + "'");
    }
    String collector = value(values, "collector-url");
    URI collectorUrl = collector.isEmpty() ? URI.create("http://localhost:" + apiPort)
        : httpUrl("collector-url", collector, problems);
    String dir = value(values, "dashboards-dir");
    Path dashboards = Path.of(dir.isEmpty() ? "dashboards/generated" : dir);
    if (!java.nio.file.Files.isDirectory(dashboards)) {
      problems.add(PREFIX + "dashboards-dir: " + dashboards.toAbsolutePath()
          + " is not a directory (expected the dashboards/generated folder with the dashboard JSON)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new GrafanaSettings(grafana, tokenEnv, token, folder, collectorUrl, dashboards, Duration.ofSeconds(30));
  }

  private static String value(Map<String, String> values, String name) {
    return values.getOrDefault(PREFIX + name, DEFAULTS.get(PREFIX + name)).strip();
  }

  private static URI httpUrl(String name, String value, List<String> problems) {
    try {
      URI u = URI.create(value);
      if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
        return u;
      }
    } catch (IllegalArgumentException bad) {
      // reported below
    }
    problems.add(PREFIX + name + ": expected an http or https URL such as http://grafana:3000, got '" + value + "'");
    return null;
  }

  @Override
  public String toString() {
    return "GrafanaSettings[url=" + url + ", tokenEnv=" + tokenEnv + ", folderUid=" + folderUid
        + ", collectorUrl=" + collectorUrl + ", dashboardsDir=" + dashboardsDir + "]";
  }
}
