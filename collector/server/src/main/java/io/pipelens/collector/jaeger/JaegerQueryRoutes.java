package io.pipelens.collector.jaeger;

import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.derived.ServiceIndex;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.query.QueryIds;
import io.pipelens.collector.store.Operation;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.StoreException;
import io.pipelens.collector.store.TelemetryStore;
import io.pipelens.collector.store.TraceQuery;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jaeger's query API on its own port ({@code collector.jaeger.port}, 16686), behind the query
 * token: {@code GET /api/traces/{traceId}}, trace search {@code GET /api/traces?service=...} ({@link
 * JaegerSearchParams}) or {@code ?traceID=a&traceID=b}, {@code GET /api/services}, {@code GET
 * /api/services/{service}/operations} (span names) and {@code GET /api/operations?service=
 * &spanKind=} (names with kinds), all read from the store on a worker; if the store cannot be read,
 * the name lists come from the since-start {@link ServiceIndex}. Answers use Jaeger's envelope
 * {@code {"data":..., "total", "limit", "offset", "errors"}}; failures put {@code {"code","msg"}}
 * into {@code errors} with the matching HTTP status.
 */
public final class JaegerQueryRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(JaegerQueryRoutes.class);
  private static final List<String> KINDS =
      List.of("", "internal", "server", "client", "producer", "consumer");

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
    router.get("/api/traces").handler(this::search);
    router.get("/api/services").handler(ctx -> answer(ctx, () -> new JsonArray(serviceNames())));
    router.get("/api/services/:service/operations").handler(ctx -> answer(ctx,
        () -> new JsonArray(spanNames(ctx.pathParam("service")))));
    router.get("/api/operations").handler(this::operations);
    router.route().last().handler(ctx -> error(ctx, 404, "unknown path " + ctx.request().path()
        + "; this Jaeger listener answers /api/traces, /api/traces/{traceId}, /api/services, "
        + "/api/services/{service}/operations and /api/operations"));
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

  private List<String> serviceNames() {
    try {
      return store.services();
    } catch (StoreException e) {
      LOG.warn("services from the store failed, answering from the since-start index: {}", e.toString());
      return services.services();
    }
  }

  private List<String> spanNames(String service) {
    try {
      return store.operations(service).stream().map(Operation::name).distinct().toList();
    } catch (StoreException e) {
      LOG.warn("operations from the store failed, answering from the since-start index: {}",
          e.toString());
      return services.spanNames(service);
    }
  }

  private void operations(RoutingContext ctx) {
    String service = ctx.queryParams().get("service");
    if (service == null || service.isBlank()) {
      error(ctx, 400, "parameter 'service' is required");
      return;
    }
    String kind = ctx.queryParams().get("spanKind");
    String wanted = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
    if (!wanted.isEmpty() && !KINDS.contains(wanted)) {
      error(ctx, 400, "unsupported spanKind '" + kind + "': expected server, client, producer, "
          + "consumer or internal");
      return;
    }
    answer(ctx, () -> {
      JsonArray out = new JsonArray();
      for (Operation o : store.operations(service.trim())) {
        String k = o.kind() >= 0 && o.kind() < KINDS.size() ? KINDS.get(o.kind()) : "";
        if (wanted.isEmpty() || wanted.equals(k)) {
          out.add(new JsonObject().put("name", o.name()).put("spanKind", k));
        }
      }
      return out;
    });
  }

  private void search(RoutingContext ctx) {
    List<String> ids = new ArrayList<>();
    for (String raw : ctx.queryParams().getAll("traceID")) {
      String id = QueryIds.traceId(raw);
      if (id == null) {
        error(ctx, 400, QueryIds.invalidTraceId(raw));
        return;
      }
      ids.add(id);
    }
    if (!ids.isEmpty()) {
      answer(ctx, () -> {
        JsonArray out = new JsonArray();
        for (String id : ids) {
          List<SpanRecord> spans = store.trace(id);
          if (!spans.isEmpty()) {
            out.add(JaegerJson.trace(id, spans));
          }
        }
        return out;
      });
      return;
    }
    TraceQuery query;
    try {
      query = JaegerSearchParams.parse(ctx.queryParams(), System.currentTimeMillis() * 1000);
    } catch (IllegalArgumentException | ArithmeticException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    answer(ctx, () -> {
      JsonArray out = new JsonArray();
      for (List<SpanRecord> spans : store.findTraces(query)) {
        out.add(JaegerJson.trace(spans.get(0).traceId(), spans));
      }
      return out;
    });
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
    }).onFailure(err -> storeFailed(ctx, err));
  }

  private void answer(RoutingContext ctx, Callable<JsonArray> data) {
    vertx.executeBlocking(data, false).onSuccess(d -> ok(ctx, d))
        .onFailure(err -> storeFailed(ctx, err));
  }

  private static void storeFailed(RoutingContext ctx, Throwable err) {
    LOG.warn("Jaeger query failed: {}", err.toString());
    error(ctx, 503, "storage is temporarily unavailable");
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
