package io.pipelens.collector.drift;

import io.pipelens.collector.auth.BearerAuth;
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
 * {@code PUT /api/drift/models/{model}/versions/{version}/reference} (CSV or JSON lines), {@code
 * GET /api/drift/models} and {@code GET /api/drift/models/{model}/versions/{version}}. The
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
    router.post("/v1/drift/samples").handler(this::authorizeIngest);
    withBody(router.post("/v1/drift/samples")).handler(this::samples);
    withBody(router.put("/api/drift/models/:model/versions/:version/reference"))
        .handler(this::reference);
    router.get("/api/drift/models").handler(this::models);
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

  private void authorizeIngest(RoutingContext ctx) {
    IngestError denied = auth.check(BearerAuth.Scope.INGEST, ctx.request().getHeader("Authorization"));
    if (denied == null) {
      ctx.next();
      return;
    }
    if (denied.kind() == IngestError.Kind.UNAUTHENTICATED) {
      ctx.response().putHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
    }
    error(ctx, denied.kind().httpStatus(), denied.getMessage());
  }

  private void samples(RoutingContext ctx) {
    SampleBatch batch;
    try {
      batch = SampleBatchParser.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
      service.submit(batch);
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
