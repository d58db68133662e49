package io.pipelens.collector.prom;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Mounts {@link PrometheusApi} on the API port under {@code /api/v1/} (GET with query parameters,
 * POST with a form body, as Grafana sends them); the query token of {@code /api/*} applies.
 * Queries are evaluated on a worker thread, never on the event loop.
 */
public final class PrometheusApiRoutes {
  /** Largest form body accepted (a long query with many match[] selectors fits). */
  static final int MAX_FORM_BYTES = 1 << 20;

  private final Vertx vertx;
  private final PrometheusApi api;

  public PrometheusApiRoutes(Vertx vertx, PrometheusApi api) {
    this.vertx = vertx;
    this.api = api;
  }

  public void mount(Router router) {
    router.post("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
    PrometheusApi.handlers(api).forEach((path, handler) -> {
      router.get("/api/v1/" + path).handler(ctx -> answer(ctx, handler));
      router.post("/api/v1/" + path).handler(ctx -> answer(ctx, handler));
    });
    router.get("/api/v1/label/:name/values").handler(ctx ->
        answer(ctx, p -> api.labelValues(ctx.pathParam("name"), p)));
    router.post("/api/v1/label/:name/values").handler(ctx ->
        answer(ctx, p -> api.labelValues(ctx.pathParam("name"), p)));
    router.get("/api/v1/status/buildinfo").handler(ctx -> send(ctx, api.buildInfo()));
  }

  private void answer(RoutingContext ctx, Function<ApiParams, ApiResponse> handler) {
    ApiParams params = params(ctx);
    vertx.executeBlocking(() -> handler.apply(params), false)
        .onSuccess(r -> send(ctx, r))
        .onFailure(ctx::fail);
  }

  private static ApiParams params(RoutingContext ctx) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    add(ctx.queryParams(), out);
    if (ctx.request().method().name().equals("POST")) {
      add(ctx.request().formAttributes(), out);
    }
    return new ApiParams(out);
  }

  private static void add(MultiMap m, Map<String, List<String>> out) {
    for (String name : m.names()) {
      out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(m.getAll(name));
    }
  }

  private static void send(RoutingContext ctx, ApiResponse r) {
    ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body());
  }
}
