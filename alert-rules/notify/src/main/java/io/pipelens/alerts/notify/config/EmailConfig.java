package io.pipelens.alerts.notify.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code email_configs} entry. {@code smarthost} is host:port. {@code implicitTls} (pipelens key
 * {@code implicit_tls}, default: port is 465) connects with TLS from the start; otherwise STARTTLS
 * is used when offered and required when {@code requireTls} (default true).
 * {@code html}/{@code text} are templates; empty text means no text part.
 */
public record EmailConfig(
    boolean sendResolved,
    List<String> to,
    String from,
    String hello,
    String smarthost,
    String authUsername,
    String authPassword,
    String authIdentity,
    boolean requireTls,
    boolean implicitTls,
    boolean insecureSkipVerify,
    Map<String, String> headers,
    String html,
    String text) {

  public static final String DEFAULT_SUBJECT = "{{ template \"email.default.subject\" . }}";
  public static final String DEFAULT_HTML = "{{ template \"email.default.html\" . }}";

  public String host() {
    return smarthost.substring(0, smarthost.lastIndexOf(':'));
  }

  public int port() {
    return Integer.parseInt(smarthost.substring(smarthost.lastIndexOf(':') + 1));
  }

  static EmailConfig read(YamlNode n, GlobalConfig g) {
    String toRaw = n.required("to");
    List<String> to = new ArrayList<>();
    if (toRaw != null) {
      for (String s : toRaw.split(",")) if (!s.isBlank()) to.add(s.trim());
    }
    String from = n.string("from", g.smtpFrom());
    if (from == null) n.error("from", "no sender address: set from here or global.smtp_from");
    String smarthost = n.string("smarthost", g.smtpSmarthost());
    if (smarthost == null) {
      n.error("smarthost", "no SMTP server: set smarthost here or global.smtp_smarthost");
    } else if (!smarthost.matches(".+:\\d{1,5}")) {
      n.error("smarthost", "expected host:port, got \"" + smarthost + "\"");
      smarthost = null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    n.stringMap("headers").forEach((k, v) -> {
      String canonical = canonicalHeader(k);
      if (headers.containsKey(canonical)) n.error("headers." + k, "duplicate header \"" + canonical + "\"");
      headers.put(canonical, v);
    });
    headers.putIfAbsent("Subject", DEFAULT_SUBJECT);
    headers.putIfAbsent("To", String.join(", ", to));
    if (from != null) headers.putIfAbsent("From", from);
    boolean insecure = false;
    YamlNode tls = n.child("tls_config");
    if (tls != null) {
      insecure = tls.bool("insecure_skip_verify", false);
      tls.finish();
    }
    EmailConfig c = new EmailConfig(
        n.bool("send_resolved", false),
        List.copyOf(to),
        from,
        n.string("hello", g.smtpHello()),
        smarthost,
        n.string("auth_username", g.smtpAuthUsername()),
        n.string("auth_password", g.smtpAuthPassword()),
        n.string("auth_identity", g.smtpAuthIdentity()),
        n.bool("require_tls", g.smtpRequireTls()),
        n.bool("implicit_tls", smarthost != null && smarthost.endsWith(":465")),
        insecure,
        Map.copyOf(headers),
        n.string("html", DEFAULT_HTML),
        n.string("text", ""));
    n.finish(Map.of("auth_secret", "auth_secret (CRAM-MD5) is not supported; use auth_password",
        "auth_password_file", "auth_password_file is not supported; use auth_password"));
    return c;
  }

  static String canonicalHeader(String k) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char c : k.toCharArray()) {
      sb.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
      up = c == '-';
    }
    return sb.toString();
  }
}
