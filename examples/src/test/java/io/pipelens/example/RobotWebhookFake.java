package io.pipelens.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk and Feishu custom-robot webhooks as their documentation describes them, on loopback:
 * signatures checked (DingTalk: {@code timestamp}/{@code sign} query parameters; Feishu:
 * {@code timestamp}/{@code sign} in the body), answers in each service's format. Only messages
 * with a valid signature are kept.
 */
final class RobotWebhookFake implements AutoCloseable {
  static final String DINGTALK_SECRET = "SECexample-dingtalk-secret";
  static final String FEISHU_SECRET = "example-feishu-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  final List<JsonNode> dingtalk = new CopyOnWriteArrayList<>();
  final List<JsonNode> feishu = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  RobotWebhookFake() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/robot/send", this::dingtalk);
    server.createContext("/open-apis/bot/v2/hook/", this::feishu);
    server.start();
  }

  String dingtalkUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?access_token=example-token";
  }

  String feishuUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/open-apis/bot/v2/hook/example-hook";
  }

  private void dingtalk(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String query = exchange.getRequestURI().getRawQuery();
      String timestamp = param(query, "timestamp");
      String sign = param(query, "sign");
      boolean ok = timestamp != null && sign != null
          && sign.equals(hmac(DINGTALK_SECRET, timestamp + "\n" + DINGTALK_SECRET));
      if (ok) {
        dingtalk.add(body);
      }
      reply(exchange, ok ? "{\"errcode\":0,\"errmsg\":\"ok\"}" : "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
    }
  }

  private void feishu(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String timestamp = body.path("timestamp").asText();
      boolean ok = !timestamp.isEmpty()
          && body.path("sign").asText().equals(hmac(timestamp + "\n" + FEISHU_SECRET, ""));
      if (ok) {
        feishu.add(body);
      }
      reply(exchange, ok ? "{\"code\":0,\"msg\":\"success\",\"data\":{}}" : "{\"code\":19021,\"msg\":\"sign match fail\"}");
    }
  }

  /** base64(HMAC-SHA256(key, message)); DingTalk signs {@code timestamp\nsecret} with the secret,
   *  Feishu signs an empty message with {@code timestamp\nsecret} as the key. */
  private static String hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String param(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name) && kv.length == 2) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
