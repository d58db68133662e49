package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.http.Json;
import io.pipelens.collector.auth.BearerAuth;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.Callable;

/**
 * Alertmanager's HTTP API v2 on the alerting port, so {@code amtool}, Grafana's Alertmanager data
 * source and Prometheus ({@code alerting.alertmanagers}) can talk to the collector:
 * {@code /api/v2/alerts}, {@code /alerts/groups}, {@code /silences}, {@code /silence/{id}},
 * {@code /status}, {@code /receivers} (behind the query token when one is set) and the probes
 * {@code /-/healthy}, {@code /-/ready}. Handlers run on a worker (silences are written to disk).
 */
public final class AlertmanagerApi {
  private final Router router;
  private final Vertx vertx;
  private final BearerAuth auth;

  public AlertmanagerApi(Vertx vertx, AlertingService alerting, BearerAuth auth, long maxBodyBytes) {
    this.vertx = vertx;
    this.auth = auth;
    this.router = Router.router(vertx);
    router.get("/-/healthy").handler(ctx -> text(ctx, 200, "OK"));
    router.get("/-/ready").handler(ctx -> {
      boolean ready = alerting.dispatcher() != null;
      text(ctx, ready ? 200 : 503, ready ? "OK" : "not ready");
    });
    router.route("/api/v2/*").handler(auth.routeHandler(BearerAuth.Scope.QUERY));
    router.post("/api/v2/*").handler(BodyHandler.create().setBodyLimit(maxBodyBytes));
    AlertHandlers alerts = new AlertHandlers(alerting);
    SilenceHandlers silences = new SilenceHandlers(alerting);
    router.get("/api/v2/alerts").handler(ctx -> run(ctx, () -> alerts.list(ctx.queryParams())));
    router.post("/api/v2/alerts").handler(ctx -> run(ctx,
        () -> alerts.post(ctx.body().asString())));
    router.get("/api/v2/alerts/groups").handler(ctx -> run(ctx,
        () -> alerts.groups(ctx.queryParams())));
    router.get("/api/v2/silences").handler(ctx -> run(ctx,
        () -> silences.list(ctx.queryParams().getAll("filter"))));
    router.post("/api/v2/silences").handler(ctx -> run(ctx,
        () -> silences.post(ctx.body().asString())));
    router.get("/api/v2/silence/:id").handler(ctx -> run(ctx,
        () -> silences.get(ctx.pathParam("id"))));
    router.delete("/api/v2/silence/:id").handler(ctx -> run(ctx,
        () -> silences.delete(ctx.pathParam("id"))));
    router.get("/api/v2/status").handler(ctx -> run(ctx, () -> StatusHandler.status(alerting)));
    router.get("/api/v2/receivers").handler(ctx -> run(ctx, () -> ApiAnswer.ok(
        alerting.receivers().stream().map(r -> java.util.Map.of("name", r)).toList())));
  }

  public Router router() {
    return router;
  }

  private void run(RoutingContext ctx, Callable<ApiAnswer> handler) {
    vertx.executeBlocking(handler, false).onComplete(ar -> {
      if (ctx.response().closed()) {
        return;
      }
      ApiAnswer answer = ar.succeeded() ? ar.result() : ApiAnswer.error(500,
          String.valueOf(ar.cause().getMessage()));
      ctx.response().setStatusCode(answer.status());
      if (answer.body() == null) {
        ctx.response().end();
      } else {
        ctx.response().putHeader("Content-Type", "application/json")
            .end(Json.write(answer.body()));
      }
    });
  }

  private static void text(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }
}
