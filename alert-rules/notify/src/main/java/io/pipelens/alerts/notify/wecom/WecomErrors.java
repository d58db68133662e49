package io.pipelens.alerts.notify.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelens.alerts.notify.NotifyException;

/**
 * WeCom (企业微信) error codes: 45009 API rate limit (retried), 93000 invalid webhook URL,
 * 40001/40014/42001 bad or expired access token, -1 system busy (retried).
 */
final class WecomErrors {
  private WecomErrors() {}

  static void check(JsonNode answer, String what) throws NotifyException {
    if (answer == null || !answer.has("errcode")) {
      throw new NotifyException("wecom_bad_response", true, "unexpected answer from WeCom " + what);
    }
    int code = answer.path("errcode").asInt();
    if (code == 0) return;
    String msg = answer.path("errmsg").asText("");
    throw switch (code) {
      case 45009 -> new NotifyException("wecom_45009", true, null,
          "WeCom rate limit (45009, a robot sends at most 20 messages per minute): " + msg, null);
      case -1 -> new NotifyException("wecom_busy", true, null, "WeCom system busy (-1): " + msg, null);
      case 93000 -> new NotifyException("wecom_93000", false, null, "WeCom: invalid webhook URL/key (93000): " + msg, null);
      case 40001, 40014, 42001 -> new NotifyException("wecom_" + code, true, null,
          "WeCom access token invalid or expired (" + code + "): " + msg, null);
      default -> new NotifyException("wecom_" + code, false, null, "WeCom errcode " + code + ": " + msg, null);
    };
  }
}
