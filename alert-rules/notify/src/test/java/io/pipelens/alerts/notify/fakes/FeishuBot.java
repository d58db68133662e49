package io.pipelens.alerts.notify.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.PlatformServer.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Feishu/Lark custom bot on 127.0.0.1 that checks requests as Feishu documents them: hook path,
 * JSON, timestamp within an hour of {@code clock}, the 签名校验 signature (HMAC-SHA256 keyed with
 * "timestamp\nsecret" over nothing) and the text/post/interactive message shape.
 */
public final class FeishuBot implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK = "/open-apis/bot/v2/hook/";

  private final String hookId;
  private final String secret;
  private final Clock clock;
  private final PlatformServer server;
  private final List<JsonNode> accepted = new ArrayList<>();

  public FeishuBot(String hookId, String secret, Clock clock) throws IOException {
    this.hookId = hookId;
    this.secret = secret;
    this.clock = clock;
    this.server = new PlatformServer(this::verify);
  }

  public String url() {
    return server.url(HOOK + hookId).toString();
  }

  public synchronized List<JsonNode> accepted() {
    return List.copyOf(accepted);
  }

  /** The next request gets this answer instead of being checked (outages, rate limits). */
  public void enqueue(Answer answer) {
    server.enqueue(answer);
  }

  public List<Request> requests() {
    return server.requests();
  }

  private Answer verify(Request r) {
    try {
      if (!r.method().equals("POST") || !r.path().equals(HOOK + hookId)) {
        return Answer.json(404, "{\"code\":19001,\"msg\":\"param invalid: incoming webhook access token invalid\"}");
      }
      if (!r.header("Content-Type").startsWith("application/json")) {
        return Answer.json(400, "{\"code\":9499,\"msg\":\"Bad Request\"}");
      }
      JsonNode body = JSON.readTree(r.body());
      long ts = Long.parseLong(body.path("timestamp").asText("0"));
      if (Math.abs(ts - clock.millis() / 1000) > 3600) {
        return Answer.json(200, "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}");
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
      if (!expected.equals(body.path("sign").asText())) {
        return Answer.json(200, "{\"code\":19021,\"msg\":\"sign match fail\"}");
      }
      boolean ok = switch (body.path("msg_type").asText()) {
        case "text" -> body.path("content").path("text").isTextual();
        case "post" -> body.path("content").path("post").path("zh_cn").path("content").isArray();
        case "interactive" -> body.path("card").path("header").path("title").path("content").isTextual()
            && body.path("card").path("elements").isArray();
        default -> false;
      };
      if (!ok) {
        return Answer.json(400, "{\"code\":9499,\"msg\":\"Bad Request\"}");
      }
      synchronized (this) {
        accepted.add(body);
      }
      return Answer.json(200, "{\"code\":0,\"data\":{},\"msg\":\"success\"}");
    } catch (Exception e) {
      return Answer.json(400, "{\"code\":9499,\"msg\":\"Bad Request\"}");
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
