package io.pipelens.collector.prom.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pushes pipelens to Grafana: the data sources the dashboards reference by uid
 * ({@code pipelens-prometheus} = the collector's Prometheus query API, {@code pipelens-zipkin},
 * {@code pipelens-jaeger} = its Zipkin and Jaeger query ports), the folder, and every dashboard
 * JSON of the dashboards folder. Running it again updates everything. Blocking.
 */
public final class GrafanaProvisioner {
  private final GrafanaSettings settings;
  private final GrafanaClient client;

  public GrafanaProvisioner(GrafanaSettings settings) {
    this.settings = settings;
    this.client = new GrafanaClient(settings.url(), settings.token(), settings.tokenEnv(), settings.timeout());
  }

  /**
   * @param zipkinPort the collector's Zipkin port, -1 when disabled (no data source then)
   * @param jaegerPort the collector's Jaeger query port, -1 when disabled
   * @param queryToken {@code collector.auth.query-token}, sent by Grafana's Prometheus data source
   * @return one line per object pushed, e.g. {@code data source pipelens-prometheus: created}
   */
  public List<String> push(int zipkinPort, int jaegerPort, String queryToken) throws GrafanaException {
    List<ObjectNode> dashboards = readDashboards(settings.dashboardsDir());
    List<String> done = new ArrayList<>();
    for (ObjectNode ds : datasources(settings.collectorUrl(), zipkinPort, jaegerPort, queryToken)) {
      done.add("data source " + ds.path("uid").asText() + ": " + client.upsertDatasource(ds));
    }
    done.add("folder " + settings.folderUid() + ": " + client.ensureFolder(settings.folderUid(), "pipelens"));
    for (ObjectNode d : dashboards) {
      client.saveDashboard(d, settings.folderUid(), "pushed by the pipelens collector at start-up");
      done.add("dashboard " + d.path("uid").asText() + ": saved");
    }
    return done;
  }

  /** Bodies of Grafana's data source API, as docs/dashboards.md lists them. */
  static List<ObjectNode> datasources(URI collector, int zipkinPort, int jaegerPort, String queryToken) {
    String api = collector.toString().replaceAll("/+$", "");
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode prom = GrafanaClient.JSON.createObjectNode().put("name", "pipelens Prometheus").put("type", "prometheus")
        .put("uid", "pipelens-prometheus").put("access", "proxy").put("url", api).put("isDefault", true);
    ObjectNode json = prom.putObject("jsonData").put("httpMethod", "POST").put("timeInterval", "15s");
    if (!queryToken.isEmpty()) {
      json.put("httpHeaderName1", "Authorization");
      prom.putObject("secureJsonData").put("httpHeaderValue1", "Bearer " + queryToken);
    }
    out.add(prom);
    if (zipkinPort > 0) {
      out.add(GrafanaClient.JSON.createObjectNode().put("name", "pipelens Zipkin").put("type", "zipkin")
          .put("uid", "pipelens-zipkin").put("access", "proxy").put("url", onPort(collector, zipkinPort)));
    }
    if (jaegerPort > 0) {
      out.add(GrafanaClient.JSON.createObjectNode().put("name", "pipelens Jaeger").put("type", "jaeger")
          .put("uid", "pipelens-jaeger").put("access", "proxy").put("url", onPort(collector, jaegerPort)));
    }
    return out;
  }

  private static String onPort(URI collector, int port) {
    return collector.getScheme() + "://" + collector.getHost() + ":" + port;
  }

  /** Every {@code *.json} dashboard of the folder, by file name; a file without a uid is refused. */
  static List<ObjectNode> readDashboards(Path dir) throws GrafanaException {
    List<ObjectNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        JsonNode d;
        try {
          d = GrafanaClient.JSON.readTree(f.toFile());
        } catch (IOException e) {
          throw new GrafanaException("dashboard " + f + ": not JSON: " + e.getMessage(), 0);
        }
        if (!(d instanceof ObjectNode o) || o.path("uid").asText().isEmpty()) {
          throw new GrafanaException("dashboard " + f + ": expected a dashboard object with a \"uid\"", 0);
        }
        out.add(o);
      }
    } catch (IOException e) {
      throw new GrafanaException("cannot read dashboards in " + dir + ": " + e, 0);
    }
    if (out.isEmpty()) {
      throw new GrafanaException("no dashboard JSON in " + dir.toAbsolutePath(), 0);
    }
    return out;
  }
}
