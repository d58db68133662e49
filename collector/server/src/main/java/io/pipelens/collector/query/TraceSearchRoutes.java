package io.pipelens.collector.query;

import io.pipelens.collector.store.Operation;
import io.pipelens.collector.store.TelemetryStore;
import io.pipelens.collector.store.TraceQuery;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * pipelens trace search on the API port: {@code GET /api/traces?service=&operation=&language=
 * &status=&minDuration=&maxDuration=&attr=k:v&start=&end=&limit=}, {@code GET /api/services} and
 * {@code GET /api/services/{service}/operations}, all read from the store on a worker. See
 * docs/api.md.
 */
final class TraceSearchRoutes {
  private final Vertx vertx;
  private final TelemetryStore store;

  TraceSearchRoutes(Vertx vertx, TelemetryStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Router router) {
    router.get("/api/traces").handler(this::search);
    router.get("/api/services").handler(this::services);
    router.get("/api/services/:service/operations").handler(this::operations);
  }

  private void search(RoutingContext ctx) {
    TraceQuery query;
    try {
      query = TraceSearchParams.parse(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      PipelensQueryRoutes.error(ctx, 400, e.getMessage());
      return;
    }
    vertx.executeBlocking(() -> store.findTraces(query), false).onSuccess(traces -> {
      JsonArray out = new JsonArray();
      traces.forEach(t -> out.add(TraceSummaryJson.summary(t)));
      ctx.json(new JsonObject().put("traces", out));
    }).onFailure(err -> PipelensQueryRoutes.storeFailed(ctx, err));
  }

  private void services(RoutingContext ctx) {
    vertx.executeBlocking(store::services, false)
        .onSuccess(s -> ctx.json(new JsonObject().put("services", new JsonArray(s))))
        .onFailure(err -> PipelensQueryRoutes.storeFailed(ctx, err));
  }

  private void operations(RoutingContext ctx) {
    String service = ctx.pathParam("service");
    vertx.executeBlocking(() -> store.operations(service), false).onSuccess(ops -> {
      ctx.json(new JsonObject().put("service", service).put("operations", json(ops)));
    }).onFailure(err -> PipelensQueryRoutes.storeFailed(ctx, err));
  }

  private static JsonArray json(List<Operation> ops) {
    JsonArray out = new JsonArray();
    ops.forEach(o -> out.add(new JsonObject().put("name", o.name())
        .put("kind", JsonValues.kind(o.kind()))));
    return out;
  }
}
