package io.pipelens.alerts.notify.config;

import java.net.URI;
import java.util.Map;

/**
 * The supported part of Alertmanager's {@code http_config}: basic_auth, authorization (or the
 * legacy bearer_token), proxy_url, follow_redirects and tls_config.insecure_skip_verify.
 * Fields are null when unset.
 */
public record HttpConfig(
    String basicAuthUsername,
    String basicAuthPassword,
    String authorizationType,
    String authorizationCredentials,
    URI proxyUrl,
    boolean followRedirects,
    boolean insecureSkipVerify) {

  public static final HttpConfig DEFAULT = new HttpConfig(null, null, null, null, null, true, false);

  /** Value of the Authorization header, or null. */
  public String authorizationHeader() {
    if (basicAuthUsername != null) {
      String up = basicAuthUsername + ":" + (basicAuthPassword == null ? "" : basicAuthPassword);
      return "Basic " + java.util.Base64.getEncoder().encodeToString(up.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (authorizationCredentials != null) {
      return (authorizationType == null ? "Bearer" : authorizationType) + " " + authorizationCredentials;
    }
    return null;
  }

  static HttpConfig read(YamlNode parent, String key, HttpConfig inherited) {
    YamlNode n = parent.child(key);
    if (n == null) return inherited;
    String user = null;
    String pass = null;
    YamlNode basic = n.child("basic_auth");
    if (basic != null) {
      user = basic.required("username");
      pass = basic.string("password");
      basic.finish(Map.of("password_file", "password_file is not supported; put the password in the file's place"));
    }
    String type = null;
    String cred = null;
    YamlNode auth = n.child("authorization");
    if (auth != null) {
      type = auth.string("type", "Bearer");
      cred = auth.required("credentials");
      auth.finish(Map.of("credentials_file", "credentials_file is not supported"));
    }
    String bearer = n.string("bearer_token");
    if (bearer != null) {
      if (cred != null) n.error("bearer_token", "at most one of authorization and bearer_token may be set");
      type = "Bearer";
      cred = bearer;
    }
    if (user != null && cred != null) n.error("basic_auth", "at most one of basic_auth and authorization may be set");
    URI proxy = n.has("proxy_url") ? n.url("proxy_url") : null;
    boolean follow = n.bool("follow_redirects", true);
    boolean insecure = false;
    YamlNode tls = n.child("tls_config");
    if (tls != null) {
      insecure = tls.bool("insecure_skip_verify", false);
      tls.finish(Map.of(
          "ca_file", "tls_config.ca_file is not supported (only insecure_skip_verify)",
          "cert_file", "tls_config.cert_file is not supported (only insecure_skip_verify)",
          "key_file", "tls_config.key_file is not supported (only insecure_skip_verify)",
          "server_name", "tls_config.server_name is not supported (only insecure_skip_verify)"));
    }
    n.finish(Map.of(
        "oauth2", "oauth2 is not supported by pipelens",
        "bearer_token_file", "bearer_token_file is not supported; use authorization.credentials",
        "enable_http2", "enable_http2 is not supported (the JDK client negotiates HTTP/2 itself)"));
    return new HttpConfig(user, pass, type, cred, proxy, follow, insecure);
  }
}
