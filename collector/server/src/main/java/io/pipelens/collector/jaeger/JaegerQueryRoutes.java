package io.pipelens.collector.jaeger;

import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.derived.ServiceIndex;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.query.QueryIds;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jaeger's query API by id on its own port ({@code collector.jaeger.port}, 16686), behind the
 * query token: {@code GET /api/traces/{traceId}}, {@code GET /api/services} and {@code GET
 * /api/services/{service}/operations} (since collector start). Answers use Jaeger's envelope
 * {@code {"data":..., "total", "limit", "offset", "errors"}}; failures put {@code {"code","msg"}}
 * into {@code errors} with the matching HTTP status.
 */
public final class JaegerQueryRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(JaegerQueryRoutes.class);

  private final Vertx vertx;
  private final TelemetryStore store;
  private final ServiceIndex services;
  private final BearerAuth auth;

  public JaegerQueryRoutes(Vertx vertx, TelemetryStore store, ServiceIndex services, BearerAuth auth) {
    this.vertx = vertx;
    this.store = store;
    this.services = services;
    this.auth = auth;
  }

  public Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::authorize);
    router.get("/api/traces/:traceId").handler(this::trace);
    router.get("/api/services").handler(ctx -> ok(ctx, new JsonArray(services.services())));
    router.get("/api/services/:service/operations").handler(ctx ->
        ok(ctx, new JsonArray(services.spanNames(ctx.pathParam("service")))));
    router.route().last().handler(ctx -> error(ctx, 404, "unknown path " + ctx.request().path()
        + "; this Jaeger listener answers /api/traces/{traceId}, /api/services and "
        + "/api/services/{service}/operations (no trace search)"));
    return router;
  }

  private void authorize(RoutingContext ctx) {
    IngestError denied = auth.check(BearerAuth.Scope.QUERY, ctx.request().getHeader("Authorization"));
    if (denied == null) {
      ctx.next();
      return;
    }
    if (denied.kind() == IngestError.Kind.UNAUTHENTICATED) {
      ctx.response().putHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
    }
    error(ctx, denied.kind().httpStatus(), denied.getMessage());
  }

  private void trace(RoutingContext ctx) {
    String raw = ctx.pathParam("traceId");
    String traceId = QueryIds.traceId(raw);
    if (traceId == null) {
      error(ctx, 400, QueryIds.invalidTraceId(raw));
      return;
    }
    vertx.executeBlocking(() -> store.trace(traceId), false).onSuccess(spans -> {
      if (spans.isEmpty()) {
        error(ctx, 404, "trace not found");
      } else {
        ok(ctx, new JsonArray(List.of(JaegerJson.trace(traceId, spans))));
      }
    }).onFailure(err -> {
      LOG.warn("Jaeger trace query failed: {}", err.toString());
      error(ctx, 503, "storage is temporarily unavailable");
    });
  }

  private static void ok(RoutingContext ctx, JsonArray data) {
    ctx.json(new JsonObject().put("data", data).put("total", data.size()).put("limit", 0)
        .put("offset", 0).putNull("errors"));
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status);
    ctx.json(new JsonObject().putNull("data").put("total", 0).put("limit", 0).put("offset", 0)
        .put("errors", new JsonArray().add(new JsonObject().put("code", status).put("msg", message))));
  }
}
