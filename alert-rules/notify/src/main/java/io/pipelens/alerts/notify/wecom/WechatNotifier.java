package io.pipelens.alerts.notify.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.Notification;
import io.pipelens.alerts.notify.IntegrationNotifier;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.WechatConfig;
import io.pipelens.alerts.notify.http.HttpPoster;
import io.pipelens.alerts.notify.http.HttpResult;
import io.pipelens.alerts.notify.http.Json;
import io.pipelens.alerts.notify.message.Renderer;
import io.pipelens.alerts.notify.message.TemplateData;
import io.pipelens.alerts.notify.message.Utf8;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alertmanager's {@code wechat_configs}: WeCom application messages. Gets an access token with
 * {@code GET gettoken?corpid=&corpsecret=} (cached until shortly before {@code expires_in}), then
 * {@code POST message/send?access_token=}. An expired/invalid token (40014, 42001) drops the cache
 * so the retry fetches a new one. Message content is capped at 2048 bytes.
 */
public final class WechatNotifier extends IntegrationNotifier {
  static final int MAX_CONTENT_BYTES = 2048;

  private final WechatConfig config;
  private final HttpPoster http;
  private final Renderer renderer;
  private final Clock clock;
  private String token;
  private Instant tokenExpires = Instant.MIN;

  public WechatNotifier(WechatConfig config, HttpPoster http, Renderer renderer, Clock clock, int index) {
    super("wechat", index, config.sendResolved());
    this.config = config;
    this.http = http;
    this.renderer = renderer;
    this.clock = clock;
  }

  @Override
  public synchronized void send(Notification n) throws NotifyException {
    TemplateData d = n.data();
    String accessToken = token();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("touser", renderer.render(config.toUser(), d));
    body.put("toparty", renderer.render(config.toParty(), d));
    body.put("totag", renderer.render(config.toTag(), d));
    body.put("agentid", renderer.render(config.agentId(), d));
    body.put("msgtype", config.messageType());
    body.put(config.messageType(), Map.of("content", Utf8.truncate(renderer.render(config.message(), d), MAX_CONTENT_BYTES)));
    body.put("safe", "0");
    URI send = config.apiUrl().resolve("message/send?access_token=" + enc(accessToken));
    HttpResult r = http.postJson(send, Json.write(body), config.http(), null);
    HttpPoster.checkStatus(r, send);
    JsonNode answer = Json.readOrNull(r.body());
    int code = answer == null ? 0 : answer.path("errcode").asInt();
    if (code == 40014 || code == 42001 || code == 40001) token = null;
    WecomErrors.check(answer, "message/send");
  }

  private String token() throws NotifyException {
    if (token != null && clock.instant().isBefore(tokenExpires)) return token;
    URI get = config.apiUrl().resolve("gettoken?corpid=" + enc(config.corpId()) + "&corpsecret=" + enc(config.apiSecret()));
    HttpResult r = http.get(get, config.http(), null);
    HttpPoster.checkStatus(r, get);
    JsonNode answer = Json.readOrNull(r.body());
    WecomErrors.check(answer, "gettoken");
    String t = answer.path("access_token").asText("");
    if (t.isEmpty()) throw new NotifyException("wecom_no_token", true, "WeCom gettoken returned no access_token");
    token = t;
    long ttl = answer.path("expires_in").asLong(7200);
    tokenExpires = clock.instant().plusSeconds(Math.max(0, ttl - 60));
    return token;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
