package io.pipelens.alerts.notify.dingtalk;

import io.pipelens.alerts.notify.http.Signing;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * DingTalk robot 加签: {@code sign = urlencode(base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)))}
 * with the timestamp in milliseconds; both go into the query as {@code timestamp} and {@code sign}.
 * The timestamp must be within one hour of DingTalk's clock.
 */
public final class DingTalkSigner {
  private DingTalkSigner() {}

  public static String sign(long timestampMillis, String secret) {
    return Signing.hmacSha256Base64(secret, timestampMillis + "\n" + secret);
  }

  public static URI signedUrl(URI webhook, long timestampMillis, String secret) {
    String s = webhook.toString();
    String sep = s.contains("?") ? "&" : "?";
    return URI.create(s + sep + "timestamp=" + timestampMillis + "&sign="
        + URLEncoder.encode(sign(timestampMillis, secret), StandardCharsets.UTF_8));
  }
}
