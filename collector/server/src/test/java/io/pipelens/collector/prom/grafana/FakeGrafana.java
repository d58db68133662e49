package io.pipelens.collector.prom.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Grafana's HTTP API as documented for data sources, folders and dashboards (grafana.com/docs:
 * "Data source API", "Folder API", "Dashboard API"), in memory on 127.0.0.1: bearer auth (401
 * {"message":"Unauthorized"}), 404 for unknown uids, 409 for duplicates, 412 for a dashboard saved
 * over an existing one without overwrite. Every request is recorded.
 */
final class FakeGrafana implements AutoCloseable {
  record Call(String method, String path, String authorization, String contentType, JsonNode body) {}

  static final ObjectMapper JSON = new ObjectMapper();
  final List<Call> calls = new ArrayList<>();
  final Map<String, JsonNode> datasources = new LinkedHashMap<>();
  final Map<String, JsonNode> folders = new LinkedHashMap<>();
  final Map<String, JsonNode> dashboards = new LinkedHashMap<>();
  /** Answer 412 to every save over an existing dashboard (as for one provisioned from a file). */
  volatile boolean refuseOverwrite;
  private final String token;
  private final HttpServer server;
  private int nextId = 1;

  FakeGrafana(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    byte[] raw = ex.getRequestBody().readAllBytes();
    JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    calls.add(new Call(method, path, auth, ex.getRequestHeaders().getFirst("Content-Type"), body));
    if (!("Bearer " + token).equals(auth)) {
      send(ex, 401, "{\"message\":\"Unauthorized\"}");
      return;
    }
    if (body != null && !"application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
      send(ex, 415, "{\"message\":\"Unsupported Media Type\"}");
      return;
    }
    String[] p = path.split("/");
    if (method.equals("GET") && path.startsWith("/api/datasources/uid/")) {
      JsonNode ds = datasources.get(p[4]);
      send(ex, ds == null ? 404 : 200, ds == null ? "{\"message\":\"Data source not found\"}" : ds.toString());
    } else if (method.equals("POST") && path.equals("/api/datasources")) {
      String uid = body.path("uid").asText();
      boolean nameTaken = datasources.values().stream().anyMatch(d -> d.path("name").equals(body.path("name")));
      if (datasources.containsKey(uid) || nameTaken) {
        send(ex, 409, "{\"message\":\"data source with the same name already exists\"}");
        return;
      }
      ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("id", nextId++);
      datasources.put(uid, body);
      send(ex, 200, "{\"message\":\"Datasource added\",\"id\":" + body.path("id") + ",\"name\":" + body.path("name") + "}");
    } else if (method.equals("PUT") && path.startsWith("/api/datasources/uid/")) {
      if (!datasources.containsKey(p[4])) {
        send(ex, 404, "{\"message\":\"Data source not found\"}");
        return;
      }
      datasources.put(p[4], body);
      send(ex, 200, "{\"message\":\"Datasource updated\"}");
    } else if (method.equals("GET") && path.startsWith("/api/folders/")) {
      JsonNode f = folders.get(p[3]);
      send(ex, f == null ? 404 : 200, f == null ? "{\"message\":\"folder not found\"}" : f.toString());
    } else if (method.equals("POST") && path.equals("/api/folders")) {
      if (folders.containsKey(body.path("uid").asText())) {
        send(ex, 409, "{\"message\":\"a folder with the same uid already exists\"}");
        return;
      }
      folders.put(body.path("uid").asText(), body);
      send(ex, 200, body.toString());
    } else if (method.equals("POST") && path.equals("/api/dashboards/db")) {
      JsonNode d = body.path("dashboard");
      String uid = d.path("uid").asText();
      if (!folders.containsKey(body.path("folderUid").asText())) {
        send(ex, 400, "{\"message\":\"folder not found\"}");
      } else if (dashboards.containsKey(uid) && (refuseOverwrite || !body.path("overwrite").asBoolean())) {
        send(ex, 412, "{\"message\":\"The dashboard has been changed by someone else\",\"status\":\"version-mismatch\"}");
      } else {
        dashboards.put(uid, body);
        send(ex, 200, "{\"status\":\"success\",\"uid\":\"" + uid + "\",\"version\":1}");
      }
    } else {
      send(ex, 404, "{\"message\":\"Not found\"}");
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
