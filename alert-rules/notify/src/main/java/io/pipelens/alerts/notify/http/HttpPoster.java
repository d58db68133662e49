package io.pipelens.alerts.notify.http;

import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.config.HttpConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends JSON to chat platforms with {@link HttpClient}, one client per distinct {@link HttpConfig}.
 * Maps transport problems to {@link NotifyException}s: timeouts and I/O errors, 5xx and 429 are
 * retryable; other non-2xx answers are not. Error messages carry redacted URLs only.
 */
public final class HttpPoster {
  /** Per-request timeout when the integration sets none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Map<HttpConfig, HttpClient> clients = new ConcurrentHashMap<>();
  private final Duration connectTimeout;

  public HttpPoster() {
    this(Duration.ofSeconds(5));
  }

  public HttpPoster(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** POSTs {@code json}; returns any HTTP answer (the caller interprets platform codes), throws on transport failure. */
  public HttpResult postJson(URI url, String json, HttpConfig config, Duration timeout) throws NotifyException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url)
        .timeout(timeout == null ? DEFAULT_TIMEOUT : timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "pipelens-notify/0.1")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return send(url, b, config);
  }

  public HttpResult get(URI url, HttpConfig config, Duration timeout) throws NotifyException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url)
        .timeout(timeout == null ? DEFAULT_TIMEOUT : timeout)
        .header("User-Agent", "pipelens-notify/0.1")
        .GET();
    return send(url, b, config);
  }

  private HttpResult send(URI url, HttpRequest.Builder b, HttpConfig config) throws NotifyException {
    HttpConfig c = config == null ? HttpConfig.DEFAULT : config;
    String auth = c.authorizationHeader();
    if (auth != null) b.header("Authorization", auth);
    HttpResponse<String> resp;
    try {
      resp = client(c).send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new NotifyException("timeout", true, null, "timeout calling " + Redact.url(url), null);
    } catch (IOException e) {
      throw new NotifyException("io", true, null, "I/O error calling " + Redact.url(url) + ": " + e.getClass().getSimpleName(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotifyException("interrupted", false, null, "interrupted calling " + Redact.url(url), e);
    }
    Duration retryAfter = resp.headers().firstValue("Retry-After").map(HttpPoster::parseRetryAfter).orElse(null);
    return new HttpResult(resp.statusCode(), resp.body(), retryAfter);
  }

  /** Throws the standard exception for a non-2xx status; does nothing for 2xx. */
  public static void checkStatus(HttpResult r, URI url) throws NotifyException {
    if (r.ok()) return;
    boolean retry = r.status() == 429 || r.status() >= 500;
    String body = r.body() == null ? "" : r.body().length() > 200 ? r.body().substring(0, 200) + "…" : r.body();
    throw new NotifyException("http_" + r.status(), retry, r.retryAfter(),
        "HTTP " + r.status() + " from " + Redact.url(url) + ": " + body, null);
  }

  private static Duration parseRetryAfter(String v) {
    try {
      return Duration.ofSeconds(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private HttpClient client(HttpConfig c) {
    return clients.computeIfAbsent(c, cfg -> {
      HttpClient.Builder b = HttpClient.newBuilder()
          .connectTimeout(connectTimeout)
          .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
      if (cfg.proxyUrl() != null) {
        int port = cfg.proxyUrl().getPort() < 0 ? 80 : cfg.proxyUrl().getPort();
        b.proxy(ProxySelector.of(new InetSocketAddress(cfg.proxyUrl().getHost(), port)));
      }
      if (cfg.insecureSkipVerify()) b.sslContext(trustAll());
      return b.build();
    });
  }

  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
