package io.pipelens.alerts.notify.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.PlatformServer.Request;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A DingTalk group robot on 127.0.0.1 that checks requests as DingTalk documents them: path,
 * access_token, JSON content type, timestamp within an hour of {@code clock}, the 加签 HMAC-SHA256
 * signature and the message shape. Accepted messages are kept; others get DingTalk's error codes.
 */
public final class DingTalkRobot implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final String secret;
  private final Clock clock;
  private final PlatformServer server;
  private final List<JsonNode> accepted = new ArrayList<>();
  private final List<java.time.Instant> acceptedAt = new ArrayList<>();

  public DingTalkRobot(String token, String secret, Clock clock) throws IOException {
    this.token = token;
    this.secret = secret;
    this.clock = clock;
    this.server = new PlatformServer(this::verify);
  }

  /** The webhook URL to configure ({@code .../robot/send?access_token=TOKEN}). */
  public String url() {
    return server.url("/robot/send?access_token=" + token).toString();
  }

  public synchronized List<JsonNode> accepted() {
    return List.copyOf(accepted);
  }

  /** When each accepted message arrived, by {@code clock}. */
  public synchronized List<java.time.Instant> acceptedAt() {
    return List.copyOf(acceptedAt);
  }

  /** The next request gets this answer instead of being checked (outages, rate limits). */
  public void enqueue(Answer answer) {
    server.enqueue(answer);
  }

  /** Every request, accepted or not. */
  public List<Request> requests() {
    return server.requests();
  }

  private Answer verify(Request r) {
    try {
      if (!r.method().equals("POST") || !r.path().equals("/robot/send") || !token.equals(r.query("access_token"))) {
        return Answer.json(200, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}");
      }
      if (!r.header("Content-Type").startsWith("application/json")) {
        return Answer.json(200, "{\"errcode\":40035,\"errmsg\":\"bad content type\"}");
      }
      long ts = Long.parseLong(r.query("timestamp"));
      if (Math.abs(ts - clock.millis()) > 3_600_000) {
        return Answer.json(200, "{\"errcode\":310000,\"errmsg\":\"timestamp expired\"}");
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = Base64.getEncoder().encodeToString(
          mac.doFinal((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
      if (!expected.equals(URLDecoder.decode(r.query("sign"), StandardCharsets.UTF_8))) {
        return Answer.json(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
      }
      JsonNode body = JSON.readTree(r.body());
      String type = body.path("msgtype").asText();
      boolean ok = type.equals("markdown")
          ? body.path("markdown").path("title").isTextual() && body.path("markdown").path("text").isTextual()
          : type.equals("text") && body.path("text").path("content").isTextual();
      if (!ok || !body.path("at").path("isAtAll").isBoolean()) {
        return Answer.json(200, "{\"errcode\":40035,\"errmsg\":\"invalid message\"}");
      }
      synchronized (this) {
        accepted.add(body);
        acceptedAt.add(clock.instant());
      }
      return Answer.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    } catch (Exception e) {
      return Answer.json(400, "{\"errcode\":40035,\"errmsg\":\"bad request\"}");
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
