package io.pipelens.collector.zipkin;

import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.derived.ServiceIndex;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.query.QueryIds;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryStore;
import io.pipelens.collector.store.TraceQuery;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The Zipkin v2 query API on the Zipkin port, behind the query token, as Zipkin's UI and Grafana's
 * Zipkin data source call it: {@code /api/v2/services}, {@code /api/v2/spans?serviceName=}, {@code
 * /api/v2/remoteServices?serviceName=}, {@code /api/v2/traces?...} (search, see {@link
 * ZipkinQueryParams}), {@code /api/v2/trace/{id}} and {@code /api/v2/traceMany?traceIds=}. Names
 * and traces come from the store (on a worker); service and span names are matched
 * case-insensitively and answered lower-case, as Zipkin does. When the store cannot be read the
 * name lists fall back to the since-start {@link ServiceIndex}. Every other request goes to the
 * ingest handler. Errors are plain text, like Zipkin's.
 */
public final class ZipkinQueryHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ZipkinQueryHandler.class);
  private static final String TRACE = "/api/v2/trace/";
  private static final Set<String> PATHS = Set.of("/api/v2/services", "/api/v2/spans",
      "/api/v2/remoteServices", "/api/v2/traces", "/api/v2/traceMany");

  private final Vertx vertx;
  private final ZipkinNames names;
  private final TelemetryStore store;
  private final BearerAuth auth;
  private final Handler<HttpServerRequest> ingest;

  public ZipkinQueryHandler(Vertx vertx, TelemetryStore store, ServiceIndex services, BearerAuth auth,
      Handler<HttpServerRequest> ingest) {
    this.vertx = vertx;
    this.store = store;
    this.names = new ZipkinNames(store, services);
    this.auth = auth;
    this.ingest = ingest;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    boolean query = (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)
        && (path.startsWith(TRACE) || PATHS.contains(path));
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
      return;
    }
    switch (path) {
      case "/api/v2/services" -> answer(req, () -> json(names.services()));
      case "/api/v2/spans" -> withService(req, "/api/v2/spans",
          service -> answer(req, () -> json(names.spanNames(service))));
      case "/api/v2/remoteServices" -> withService(req, "/api/v2/remoteServices",
          service -> answer(req, () -> json(names.remoteServices(service))));
      case "/api/v2/traceMany" -> traceMany(req);
      default -> search(req);
    }
  }

  private void withService(HttpServerRequest req, String path, Handler<String> then) {
    String service = req.getParam("serviceName");
    if (service == null || service.isBlank()) {
      text(req.response(), 400, "serviceName is required, e.g. " + path + "?serviceName=train-model");
      return;
    }
    then.handle(service.trim());
  }

  private void search(HttpServerRequest req) {
    TraceQuery parsed;
    try {
      parsed = ZipkinQueryParams.parse(req.params(), System.currentTimeMillis());
    } catch (IllegalArgumentException | ArithmeticException e) {
      text(req.response(), 400, e.getMessage());
      return;
    }
    String service = ZipkinQueryParams.lower(req.getParam("serviceName"));
    String spanName = ZipkinQueryParams.lower(req.getParam("spanName"));
    answer(req, () -> {
      TraceQuery q = parsed;
      if (service != null) {
        String stored = names.storedService(service);
        if (stored == null) {
          return "[]";
        }
        q = q.withServiceName(stored);
      }
      if (spanName != null) {
        String stored = names.storedSpanName(q.serviceName(), spanName);
        if (stored == null) {
          return "[]";
        }
        q = q.withSpanName(stored);
      }
      return traces(store.findTraces(q));
    });
  }

  private void traceMany(HttpServerRequest req) {
    String raw = req.getParam("traceIds");
    if (raw == null || raw.isBlank()) {
      text(req.response(), 400, "traceIds is required, e.g. /api/v2/traceMany?traceIds=463ac35c9f6413ad,"
          + "48485a3953bb6124");
      return;
    }
    List<String> ids = new ArrayList<>();
    for (String part : raw.split(",")) {
      String id = QueryIds.traceId(part);
      if (id == null) {
        text(req.response(), 400, "traceIds: " + QueryIds.invalidTraceId(part));
        return;
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    answer(req, () -> {
      List<List<SpanRecord>> found = new ArrayList<>();
      for (String id : ids) {
        List<SpanRecord> spans = store.trace(id);
        if (!spans.isEmpty()) {
          found.add(spans);
        }
      }
      return traces(found);
    });
  }

  private void trace(HttpServerRequest req, String raw) {
    String traceId = QueryIds.traceId(raw);
    if (traceId == null) {
      text(req.response(), 400, QueryIds.invalidTraceId(raw));
      return;
    }
    vertx.executeBlocking(() -> store.trace(traceId), false).onSuccess(spans -> {
      if (spans.isEmpty()) {
        text(req.response(), 404, "trace " + traceId + " not found");
      } else {
        json(req.response(), encode(spans));
      }
    }).onFailure(err -> storeFailed(req, err));
  }

  /** Runs {@code body} on a worker and answers its JSON, or 503 when the store failed. */
  private void answer(HttpServerRequest req, Callable<String> body) {
    Future<String> f = vertx.executeBlocking(body, false);
    f.onSuccess(b -> json(req.response(), b)).onFailure(err -> storeFailed(req, err));
  }

  private static String traces(List<List<SpanRecord>> traces) {
    StringBuilder out = new StringBuilder("[");
    for (List<SpanRecord> t : traces) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(encode(t));
    }
    return out.append(']').toString();
  }

  private static String encode(List<SpanRecord> records) {
    List<Span> spans = new ArrayList<>(records.size());
    records.forEach(r -> spans.add(ZipkinSpanEncoder.toZipkin(r)));
    return new String(SpanBytesEncoder.JSON_V2.encodeList(spans), StandardCharsets.UTF_8);
  }

  private static String json(List<String> names) {
    return new JsonArray(names).encode();
  }

  private static void storeFailed(HttpServerRequest req, Throwable err) {
    LOG.warn("Zipkin query failed: {}", err.toString());
    text(req.response(), 503, "storage is temporarily unavailable");
  }

  private static void json(HttpServerResponse response, String body) {
    response.putHeader("Content-Type", "application/json").end(body);
  }

  private static void text(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message + "\n");
  }
}
