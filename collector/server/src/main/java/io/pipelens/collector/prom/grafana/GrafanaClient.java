package io.pipelens.collector.prom.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few calls of Grafana's HTTP API that provisioning needs: data sources by uid, a folder by
 * uid, and saving a dashboard with {@code overwrite}. Blocking (java.net.http); call it off the
 * event loop. Every failure is a {@link GrafanaException} naming the request, with a hint for
 * 401/403 (token) and 412 (dashboard precondition).
 */
final class GrafanaClient {
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final String tokenEnv;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param token a service account token (sent as {@code Bearer}), empty for none
   * @param tokenEnv where the token came from, for messages
   */
  GrafanaClient(URI base, String token, String tokenEnv, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token;
    this.tokenEnv = tokenEnv;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Creates the data source, or updates the one with its uid. Returns "created" or "updated". */
  String upsertDatasource(ObjectNode body) throws GrafanaException {
    String uid = body.path("uid").asText();
    Answer existing = call("GET", "/api/datasources/uid/" + uid, null);
    if (existing.status == 200) {
      body.put("id", existing.json.path("id").asLong());
      expectOk(call("PUT", "/api/datasources/uid/" + uid, body), "PUT /api/datasources/uid/" + uid);
      return "updated";
    }
    if (existing.status != 404) {
      throw failure("GET /api/datasources/uid/" + uid, existing);
    }
    expectOk(call("POST", "/api/datasources", body), "POST /api/datasources (" + uid + ")");
    return "created";
  }

  /** Creates the folder unless one with this uid exists. Returns "created" or "exists". */
  String ensureFolder(String uid, String title) throws GrafanaException {
    Answer existing = call("GET", "/api/folders/" + uid, null);
    if (existing.status == 200) {
      return "exists";
    }
    if (existing.status != 404) {
      throw failure("GET /api/folders/" + uid, existing);
    }
    ObjectNode body = JSON.createObjectNode().put("uid", uid).put("title", title);
    expectOk(call("POST", "/api/folders", body), "POST /api/folders (" + uid + ")");
    return "created";
  }

  /** Saves a dashboard into the folder, replacing the one with its uid. */
  void saveDashboard(ObjectNode dashboard, String folderUid, String message) throws GrafanaException {
    ObjectNode d = dashboard.deepCopy();
    d.putNull("id");
    ObjectNode body = JSON.createObjectNode();
    body.set("dashboard", d);
    body.put("folderUid", folderUid).put("overwrite", true).put("message", message);
    expectOk(call("POST", "/api/dashboards/db", body), "POST /api/dashboards/db (" + d.path("uid").asText() + ")");
  }

  private record Answer(int status, String text, JsonNode json) {}

  private Answer call(String method, String path, JsonNode body) throws GrafanaException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Accept", "application/json");
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
      } catch (IOException notJson) {
        json = JSON.createObjectNode();
      }
      return new Answer(r.statusCode(), r.body(), json);
    } catch (IOException e) {
      throw new GrafanaException(method + " " + base + path + ": cannot reach Grafana: " + e, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GrafanaException(method + " " + base + path + ": interrupted", 0);
    }
  }

  private void expectOk(Answer a, String what) throws GrafanaException {
    if (a.status != 200) {
      throw failure(what, a);
    }
  }

  private GrafanaException failure(String what, Answer a) {
    String hint = switch (a.status) {
      case 401 -> " (check the service account token in $" + tokenEnv + ")";
      case 403 -> " (the token's service account needs the Admin role, or Editor for dashboards only)";
      case 412 -> " (precondition failed: a dashboard with the same title or uid exists in the folder and "
          + "was not replaced, or the folder changed)";
      default -> "";
    };
    String message = a.json.path("message").asText("");
    String detail = message.isEmpty() ? a.text : message;
    if (detail.length() > 300) {
      detail = detail.substring(0, 300) + "…";
    }
    return new GrafanaException(what + ": Grafana answered " + a.status + hint + ": " + detail, a.status);
  }
}
