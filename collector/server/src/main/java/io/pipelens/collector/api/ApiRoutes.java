package io.pipelens.collector.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelens.collector.auth.BearerAuth;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The collector's HTTP API port: {@code /health/live}, {@code /health/ready} (never behind auth,
 * for probes), {@code /metrics} in Prometheus text format and everything under {@code /api/}
 * (behind the query token when one is set). Query features mount their routes on {@link #router()}.
 */
public final class ApiRoutes {
  private final Router router;
  private final BearerAuth auth;

  public ApiRoutes(Vertx vertx, BearerAuth auth, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    this(vertx, auth, registry::scrape, ready);
  }

  /**
   * @param scrape the whole /metrics text; called on a worker thread
   */
  public ApiRoutes(Vertx vertx, BearerAuth auth, Supplier<String> scrape, BooleanSupplier ready) {
    this.auth = auth;
    this.router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> {
      boolean up = ready.getAsBoolean();
      ctx.response().setStatusCode(up ? 200 : 503);
      ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN"));
    });
    router.route("/metrics").handler(auth.routeHandler(BearerAuth.Scope.QUERY));
    // Scraping walks every meter: done on a worker so a large registry never stalls the loop.
    router.get("/metrics").handler(ctx -> vertx.executeBlocking(scrape::get, false)
        .onSuccess(text -> ctx.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(text))
        .onFailure(ctx::fail));
    router.route("/api/*").handler(auth.routeHandler(BearerAuth.Scope.QUERY));
  }

  public Router router() {
    return router;
  }
}
