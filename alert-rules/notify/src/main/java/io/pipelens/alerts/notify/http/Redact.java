package io.pipelens.alerts.notify.http;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Removes secrets from URLs before they reach logs or error messages: query values of
 * access_token, key, sign, secret, corpsecret, token; and the hook id of Feishu/Slack webhooks.
 */
public final class Redact {
  private static final Pattern QUERY =
      Pattern.compile("(?i)([?&](?:access_token|key|sign|secret|corpsecret|token)=)[^&]*");
  private static final Pattern HOOK = Pattern.compile("(/(?:hook|services)/)[^?]*");

  private Redact() {}

  public static String url(URI uri) {
    return uri == null ? "null" : url(uri.toString());
  }

  public static String url(String url) {
    String s = QUERY.matcher(url).replaceAll("$1<redacted>");
    s = HOOK.matcher(s).replaceAll("$1<redacted>");
    s = s.replaceFirst("(://)[^/@?]+@", "$1<redacted>@");
    return s;
  }
}
