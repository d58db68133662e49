package io.pipelens.collector.query;

import io.pipelens.collector.errors.ErrorGroupQuery;
import io.pipelens.collector.errors.ErrorGroupStore;
import io.pipelens.collector.errors.Language;
import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelens JSON query API on the API port (behind the query token, mounted under {@code
 * /api/}): a trace with its logs, error groups, one group with recent occurrences, and a trace's
 * errors; trace search, services and operations ({@link TraceSearchRoutes}). Store reads run on a worker; bad parameters get 400 naming the parameter. See docs/api.md.
 */
public final class PipelensQueryRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PipelensQueryRoutes.class);
  static final int MAX_LIMIT = 1_000;

  private final Vertx vertx;
  private final TelemetryStore store;
  private final ErrorGroupStore errors;

  public PipelensQueryRoutes(Vertx vertx, TelemetryStore store, ErrorGroupStore errors) {
    this.vertx = vertx;
    this.store = store;
    this.errors = errors;
  }

  public void mount(Router router) {
    new TraceSearchRoutes(vertx, store).mount(router);
    router.get("/api/traces/:traceId/errors").handler(this::traceErrors);
    router.get("/api/traces/:traceId").handler(this::trace);
    router.get("/api/errors/:fingerprint").handler(this::errorGroup);
    router.get("/api/errors").handler(this::errorGroups);
  }

  private record TraceData(List<SpanRecord> spans, List<LogRecordData> logs) {}

  private void trace(RoutingContext ctx) {
    String raw = ctx.pathParam("traceId");
    String traceId = QueryIds.traceId(raw);
    if (traceId == null) {
      error(ctx, 400, QueryIds.invalidTraceId(raw));
      return;
    }
    vertx.executeBlocking(() -> new TraceData(store.trace(traceId), store.logsOfTrace(traceId)), false)
        .onSuccess(t -> {
          if (t.spans().isEmpty() && t.logs().isEmpty()) {
            error(ctx, 404, "trace " + traceId + " not found");
          } else {
            ctx.json(TraceJson.trace(traceId, t.spans(), t.logs()));
          }
        })
        .onFailure(err -> storeFailed(ctx, err));
  }

  private void traceErrors(RoutingContext ctx) {
    String raw = ctx.pathParam("traceId");
    String traceId = QueryIds.traceId(raw);
    if (traceId == null) {
      error(ctx, 400, QueryIds.invalidTraceId(raw));
      return;
    }
    ctx.json(new JsonObject().put("traceId", traceId)
        .put("errors", ErrorJson.occurrences(errors.errorsOfTrace(traceId))));
  }

  private void errorGroup(RoutingContext ctx) {
    String fingerprint = ctx.pathParam("fingerprint");
    errors.group(fingerprint).ifPresentOrElse(
        d -> ctx.json(ErrorJson.detail(d)),
        () -> error(ctx, 404, "error group " + fingerprint + " not found (unknown or evicted)"));
  }

  private void errorGroups(RoutingContext ctx) {
    ErrorGroupQuery query;
    try {
      query = parse(ctx);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    JsonArray groups = new JsonArray();
    errors.groups(query).forEach(g -> groups.add(ErrorJson.group(g)));
    ctx.json(new JsonObject().put("groups", groups));
  }

  private static ErrorGroupQuery parse(RoutingContext ctx) {
    ErrorGroupQuery q = ErrorGroupQuery.all();
    String service = ctx.queryParams().get("service");
    if (service != null) {
      q = q.withService(service);
    }
    String language = ctx.queryParams().get("language");
    if (language != null) {
      Language l = Language.fromSdk(language);
      if (l == Language.UNKNOWN && !language.equalsIgnoreCase("unknown")) {
        throw new IllegalArgumentException(
            "language: expected java, python, r or unknown, got '" + language + "'");
      }
      q = q.withLanguage(l);
    }
    long from = time(ctx, "from", Long.MIN_VALUE);
    long to = time(ctx, "to", Long.MAX_VALUE);
    if (from > to) {
      throw new IllegalArgumentException("from must not be after to");
    }
    q = q.withTimeRange(from, to);
    String sort = ctx.queryParams().get("sort");
    if (sort != null) {
      switch (sort.toLowerCase(Locale.ROOT)) {
        case "last_seen" -> q = q.withSort(ErrorGroupQuery.Sort.LAST_SEEN);
        case "count" -> q = q.withSort(ErrorGroupQuery.Sort.COUNT);
        default -> throw new IllegalArgumentException(
            "sort: expected last_seen or count, got '" + sort + "'");
      }
    }
    String limit = ctx.queryParams().get("limit");
    if (limit != null) {
      q = q.withLimit(PipelensQueryRoutes.limit(limit, MAX_LIMIT));
    }
    return q;
  }

  /** The {@code limit} parameter: a whole number 1..max, else an error naming it. */
  static int limit(String text, int max) {
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > max) {
      throw new IllegalArgumentException("limit: expected a whole number 1-" + max + ", got '" + text + "'");
    }
    return n;
  }

  /** RFC 3339 ({@code 2026-01-31T12:00:00Z}) or epoch milliseconds, as epoch nanoseconds. */
  static long time(RoutingContext ctx, String name, long otherwise) {
    return time(ctx.queryParams(), name, otherwise);
  }

  /** RFC 3339 ({@code 2026-01-31T12:00:00Z}) or epoch milliseconds, as epoch nanoseconds. */
  static long time(io.vertx.core.MultiMap params, String name, long otherwise) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    String t = v.trim();
    try {
      if (t.chars().allMatch(Character::isDigit)) {
        return Math.multiplyExact(Long.parseLong(t), 1_000_000L);
      }
      Instant i = Instant.parse(t);
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected an RFC 3339 time such as "
          + "2026-01-31T12:00:00Z or epoch milliseconds, got '" + v + "'");
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status);
    ctx.json(new JsonObject().put("error", message));
  }

  static void storeFailed(RoutingContext ctx, Throwable err) {
    LOG.warn("trace query failed: {}", err.toString());
    error(ctx, 503, "storage is temporarily unavailable");
  }
}
