package io.pipelens.collector.zipkin;

import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.derived.ServiceIndex;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.query.QueryIds;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The Zipkin v2 query API by id on the Zipkin port, behind the query token: {@code GET
 * /api/v2/trace/{traceId}} (JSON v2 spans, 404 when unknown), {@code GET /api/v2/services} and
 * {@code GET /api/v2/spans?serviceName=} (since collector start, from the {@link ServiceIndex}).
 * Every other request goes to the ingest handler. Errors are plain text, like Zipkin's.
 */
public final class ZipkinQueryHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ZipkinQueryHandler.class);
  private static final String TRACE = "/api/v2/trace/";

  private final Vertx vertx;
  private final TelemetryStore store;
  private final ServiceIndex services;
  private final BearerAuth auth;
  private final Handler<HttpServerRequest> ingest;

  public ZipkinQueryHandler(Vertx vertx, TelemetryStore store, ServiceIndex services, BearerAuth auth,
      Handler<HttpServerRequest> ingest) {
    this.vertx = vertx;
    this.store = store;
    this.services = services;
    this.auth = auth;
    this.ingest = ingest;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    boolean query = (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)
        && (path.startsWith(TRACE) || path.equals("/api/v2/services") || path.equals("/api/v2/spans"));
    if (!query) {
      ingest.handle(req);
      return;
    }
    IngestError denied = auth.check(BearerAuth.Scope.QUERY, req.getHeader("Authorization"));
    if (denied != null) {
      if (denied.kind() == IngestError.Kind.UNAUTHENTICATED) {
        req.response().putHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
      }
      text(req.response(), denied.kind().httpStatus(), denied.getMessage());
      return;
    }
    if (path.startsWith(TRACE)) {
      trace(req, path.substring(TRACE.length()));
    } else if (path.equals("/api/v2/services")) {
      json(req.response(), new JsonArray(services.services()).encode());
    } else {
      String service = req.getParam("serviceName");
      if (service == null || service.isBlank()) {
        text(req.response(), 400, "serviceName is required, e.g. /api/v2/spans?serviceName=train-model");
        return;
      }
      json(req.response(), new JsonArray(spanNames(service)).encode());
    }
  }

  /** Zipkin lower-cases service names; match the index case-insensitively. */
  private List<String> spanNames(String service) {
    for (String known : services.services()) {
      if (known.toLowerCase(Locale.ROOT).equals(service.toLowerCase(Locale.ROOT))) {
        return services.spanNames(known);
      }
    }
    return List.of();
  }

  private void trace(HttpServerRequest req, String raw) {
    String traceId = QueryIds.traceId(raw);
    if (traceId == null) {
      text(req.response(), 400, QueryIds.invalidTraceId(raw));
      return;
    }
    vertx.executeBlocking(() -> {
      List<SpanRecord> records = store.trace(traceId);
      List<Span> spans = new ArrayList<>(records.size());
      records.forEach(r -> spans.add(ZipkinSpanEncoder.toZipkin(r)));
      return spans;
    }, false).onSuccess(spans -> {
      if (spans.isEmpty()) {
        text(req.response(), 404, "trace " + traceId + " not found");
      } else {
        json(req.response(), new String(SpanBytesEncoder.JSON_V2.encodeList(spans),
            java.nio.charset.StandardCharsets.UTF_8));
      }
    }).onFailure(err -> {
      LOG.warn("Zipkin trace query failed: {}", err.toString());
      text(req.response(), 503, "storage is temporarily unavailable");
    });
  }

  private static void json(HttpServerResponse response, String body) {
    response.putHeader("Content-Type", "application/json").end(body);
  }

  private static void text(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message + "\n");
  }
}
