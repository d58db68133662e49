package io.pipelens.alerts.notify.feishu;

import io.pipelens.alerts.notify.http.Signing;

/**
 * Feishu/Lark custom bot 签名校验: {@code sign = base64(HmacSHA256(key = timestamp + "\n" + secret, data = ""))}
 * with the timestamp in seconds; both go into the JSON body as strings. Feishu accepts timestamps
 * within one hour of its clock.
 */
public final class FeishuSigner {
  private FeishuSigner() {}

  public static String sign(long timestampSeconds, String secret) {
    return Signing.hmacSha256Base64(timestampSeconds + "\n" + secret, "");
  }
}
