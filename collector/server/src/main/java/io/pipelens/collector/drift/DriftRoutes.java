package io.pipelens.collector.drift;

import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.ingest.Gzip;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.drift.dataset.CsvReader;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.dataset.JsonLinesReader;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.samples.SampleBatch;
import io.pipelens.drift.samples.SampleBatchParser;
import io.pipelens.drift.samples.SampleFormatException;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.WindowVerdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.StringReader;
import java.util.Comparator;
import java.util.concurrent.RejectedExecutionException;

/**
 * HTTP side of drift monitoring on the API port: {@code POST /v1/drift/samples} (ingest token),
 * {@code POST /v1/drift/versions} (ingest token: a retrained version), {@code PUT
 * /api/drift/models/{model}/versions/{version}/reference} (CSV or JSON lines), {@code GET
 * /api/drift/models}, {@code GET /api/drift/models/{model}/versions/{version}} and {@code GET
 * /api/drift/models/{model}/triggers} (retraining audit log). The
 * /api routes sit behind the API router's query-token check.
 */
public final class DriftRoutes {
  private final Vertx vertx;
  private final DriftService service;
  private final BearerAuth auth;
  private final long maxBody;
  private final int retryAfter;

  public DriftRoutes(Vertx vertx, DriftService service, BearerAuth auth, long maxBody, int retryAfter) {
    this.vertx = vertx;
    this.service = service;
    this.auth = auth;
    this.maxBody = maxBody;
    this.retryAfter = retryAfter;
  }

  public void mount(Router router) {
    // auth first, on its own route: a body handler must be the first handler of its route
    router.post("/v1/drift/samples").handler(auth.routeHandler(BearerAuth.Scope.INGEST));
    withBody(router.post("/v1/drift/samples")).handler(this::samples);
    withBody(router.put("/api/drift/models/:model/versions/:version/reference"))
        .handler(this::reference);
    router.post("/v1/drift/versions").handler(auth.routeHandler(BearerAuth.Scope.INGEST));
    withBody(router.post("/v1/drift/versions")).handler(this::announce);
    router.get("/api/drift/models").handler(this::models);
    router.get("/api/drift/models/:model/triggers").handler(this::triggers);
    router.get("/api/drift/models/:model/versions/:version").handler(this::version);
  }

  private Route withBody(Route route) {
    route.failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      error(ctx, status, status == 413
          ? "request body exceeds collector.ingest.max-body-bytes (" + maxBody + " bytes)"
          : "request failed: " + (ctx.failure() == null ? status : ctx.failure().getMessage()));
    });
    return route.handler(BodyHandler.create(false).setBodyLimit(maxBody));
  }

  private void samples(RoutingContext ctx) {
    SampleBatch batch;
    try {
      byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      body = Gzip.decode(ctx.request().getHeader("Content-Encoding"), body, maxBody);
      batch = SampleBatchParser.parse(body);
      service.submit(batch);
    } catch (IngestError e) {
      error(ctx, e.kind().httpStatus(), e.getMessage());
      return;
    } catch (SampleFormatException e) {
      error(ctx, 400, e.getMessage());
      return;
    } catch (RejectedExecutionException e) {
      ctx.response().putHeader("Retry-After", Integer.toString(retryAfter));
      error(ctx, 429, "drift queue is full, retry later");
      return;
    }
    ctx.json(new JsonObject().put("accepted", batch.rows()));
  }

  private void reference(RoutingContext ctx) {
    String model = ctx.pathParam("model");
    String version = ctx.pathParam("version");
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
    boolean csv = type.startsWith("text/csv");
    if (!csv && !type.startsWith("application/x-ndjson") && !type.startsWith("application/jsonl")
        && !type.startsWith("application/json")) {
      error(ctx, 415, "reference must be text/csv or JSON lines (application/x-ndjson), got " + type);
      return;
    }
    String body = ctx.body().asString() == null ? "" : ctx.body().asString();
    String source = "uploaded " + (csv ? "CSV" : "JSON lines");
    vertx.executeBlocking(() -> {
      try {
        return csv ? CsvReader.read(new StringReader(body), "reference")
            : JsonLinesReader.read(new StringReader(body), "reference");
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }, false).compose(data -> io.vertx.core.Future.fromCompletionStage(
            service.uploadReference(model, version, data, source), vertx.getOrCreateContext()))
        .onSuccess(ref -> ctx.json(new JsonObject().put("model", model).put("version", version)
            .put("rows", ref.rows()).put("features", new JsonArray(ref.features().keySet().stream().toList()))))
        .onFailure(err -> {
          Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
              ? err.getCause() : err;
          error(ctx, 400, "reference rejected: " + cause.getMessage());
        });
  }

  /** {@code {"model": "churn", "version": "4"}}: a retrained version; its reference starts over. */
  private void announce(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      error(ctx, 400, "body must be a JSON object {\"model\": ..., \"version\": ...}");
      return;
    }
    String model = body == null ? null : text(body.getValue("model"));
    String version = body == null ? null : text(body.getValue("version"));
    if (model == null || version == null) {
      error(ctx, 400, "'model' and 'version' are required non-empty strings");
      return;
    }
    String by = body.getValue("by") instanceof String s && !s.isBlank() ? s : "POST /v1/drift/versions";
    Future.fromCompletionStage(service.announce(model, version, by), vertx.getOrCreateContext())
        .onSuccess(v -> ctx.json(new JsonObject().put("model", model).put("version", version)
            .put("state", "collecting-reference")
            .put("referenceRows", service.settings(model).reference().rows())))
        .onFailure(err -> error(ctx, 503, "drift worker unavailable: " + err.getMessage()));
  }

  private static String text(Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    return v instanceof Integer || v instanceof Long ? v.toString() : null;
  }

  /** The audit log of a model's retraining triggers, newest first ({@code ?limit=N}, default 100). */
  private void triggers(RoutingContext ctx) {
    String model = ctx.pathParam("model");
    int limit;
    try {
      limit = Integer.parseInt(ctx.request().getParam("limit", "100"));
      if (limit < 1) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      error(ctx, 400, "limit must be a whole number >= 1, got '" + ctx.request().getParam("limit") + "'");
      return;
    }
    vertx.executeBlocking(() -> service.audit().read(model), false)
        .onSuccess(records -> {
          JsonArray out = new JsonArray();
          for (int i = records.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(new JsonObject(io.vertx.core.json.jackson.DatabindCodec.mapper()
                .convertValue(records.get(i), java.util.Map.class)));
          }
          ctx.json(new JsonObject().put("model", model).put("triggers", out));
        })
        .onFailure(err -> error(ctx, 500, "cannot read the trigger audit log: " + err.getMessage()));
  }

  private void models(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    service.versions().stream()
        .sorted(Comparator.comparing((VersionState s) -> s.model).thenComparing(s -> s.version))
        .forEach(s -> out.add(summary(s)));
    ctx.json(new JsonObject().put("models", out));
  }

  private void version(RoutingContext ctx) {
    VersionState s = service.version(ctx.pathParam("model"), ctx.pathParam("version"));
    if (s == null) {
      error(ctx, 404, "no drift samples for model '" + ctx.pathParam("model") + "' version '"
          + ctx.pathParam("version") + "'");
      return;
    }
    JsonObject out = summary(s);
    WindowVerdict v = s.latest;
    if (v != null) {
      JsonObject latest = new JsonObject().put("window", v.index()).put("rows", v.rows())
          .put("sufficient", v.sufficient()).put("streak", v.streak()).put("alarm", v.alarm());
      if (v.report() != null) {
        latest.put("datasetDrift", v.report().datasetDrift())
            .put("driftShare", v.report().driftShare())
            .put("shareThreshold", v.report().shareThreshold());
        JsonArray features = new JsonArray();
        for (FeatureDrift f : v.report().features()) {
          JsonObject j = new JsonObject().put("feature", f.feature()).put("type", f.type().name().toLowerCase(java.util.Locale.ROOT))
              .put("drifted", f.drifted());
          if (f.evaluated()) {
            j.put("method", f.method().id()).put("statistic", finite(f.statistic()))
                .put("pValue", f.pValue()).put("score", finite(f.score()))
                .put("threshold", finite(f.threshold()));
          } else {
            j.put("note", f.note());
          }
          features.add(j);
        }
        latest.put("features", features);
      }
      out.put("latest", latest);
    }
    ctx.json(out);
  }

  private static JsonObject summary(VersionState s) {
    DriftMonitor m = s.monitor;
    JsonObject j = new JsonObject().put("model", s.model).put("version", s.version)
        .put("rows", s.rows).put("windows", s.windows)
        .put("state", m == null ? "collecting-reference" : "monitoring")
        .put("features", new JsonArray(s.schema));
    if (s.announcedBy != null) {
      j.put("announcedBy", s.announcedBy);
    }
    j.put("retrainStreak", s.retrainStreak.windows());
    if (m == null) {
      j.put("pendingReferenceRows", s.pendingRows);
    } else {
      var ref = m.reference();
      j.put("reference", new JsonObject().put("rows", ref.rows()).put("source", ref.source()));
    }
    WindowVerdict v = s.latest;
    if (v != null && v.report() != null) {
      j.put("datasetDrift", v.report().datasetDrift()).put("driftShare", v.report().driftShare());
    }
    return j;
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status);
    ctx.json(new JsonObject().put("error", message));
  }
}
