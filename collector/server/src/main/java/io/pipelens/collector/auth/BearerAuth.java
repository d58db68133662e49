package io.pipelens.collector.auth;

import io.pipelens.collector.ingest.IngestError;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Optional bearer-token auth with one token for ingest (OTLP, Zipkin) and one for the query/admin
 * API. An empty token disables auth for its scope. A missing or unknown token is UNAUTHENTICATED
 * (401); the other scope's token is FORBIDDEN (403). Tokens are compared in constant time and never
 * logged.
 */
public final class BearerAuth {
  /** What a request wants to do. */
  public enum Scope {
    INGEST,
    QUERY
  }

  /** The value of {@code WWW-Authenticate} on a 401. */
  public static final String CHALLENGE = "Bearer realm=\"pipelens\"";

  private final byte[] ingestToken;
  private final byte[] queryToken;

  public BearerAuth(String ingestToken, String queryToken) {
    this.ingestToken = ingestToken.getBytes(StandardCharsets.UTF_8);
    this.queryToken = queryToken.getBytes(StandardCharsets.UTF_8);
  }

  public static BearerAuth disabled() {
    return new BearerAuth("", "");
  }

  /**
   * A route handler that passes requests carrying the scope's token on and answers others 401 (with
   * {@code WWW-Authenticate}) or 403, body {@code {"error": "..."}}.
   */
  public Handler<RoutingContext> routeHandler(Scope scope) {
    return ctx -> {
      IngestError denied = check(scope, ctx.request().getHeader("Authorization"));
      if (denied == null) {
        ctx.next();
        return;
      }
      if (denied.kind() == IngestError.Kind.UNAUTHENTICATED) {
        ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
      }
      ctx.response().setStatusCode(denied.kind().httpStatus());
      ctx.json(new JsonObject().put("error", denied.getMessage()));
    };
  }

  /**
   * @param authorization the {@code Authorization} header (or gRPC metadata), may be null
   * @return null when allowed, else the refusal to send
   */
  public IngestError check(Scope scope, String authorization) {
    byte[] wanted = scope == Scope.INGEST ? ingestToken : queryToken;
    byte[] other = scope == Scope.INGEST ? queryToken : ingestToken;
    if (wanted.length == 0) {
      return null;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new IngestError(IngestError.Kind.UNAUTHENTICATED, "missing bearer token");
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (MessageDigest.isEqual(given, wanted)) {
      return null;
    }
    if (other.length > 0 && MessageDigest.isEqual(given, other)) {
      return new IngestError(IngestError.Kind.FORBIDDEN,
          "token not allowed for " + scope.name().toLowerCase(java.util.Locale.ROOT));
    }
    return new IngestError(IngestError.Kind.UNAUTHENTICATED, "invalid bearer token");
  }
}
