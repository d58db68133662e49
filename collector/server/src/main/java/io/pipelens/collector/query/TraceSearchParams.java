package io.pipelens.collector.query;

import io.pipelens.collector.store.AttributeFilter;
import io.pipelens.collector.store.TraceQuery;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * {@code GET /api/traces?...} parameters to a {@link TraceQuery}; every problem is an {@link
 * IllegalArgumentException} whose message names the parameter (answered as 400).
 */
final class TraceSearchParams {
  static final int MAX_LIMIT = 1_000;

  private TraceSearchParams() {}

  static TraceQuery parse(MultiMap params) {
    TraceQuery q = TraceQuery.all();
    String service = nonBlank(params, "service");
    if (service != null) {
      q = q.withServiceName(service);
    }
    String operation = nonBlank(params, "operation");
    if (operation != null) {
      q = q.withSpanName(operation);
    }
    String language = nonBlank(params, "language");
    if (language != null) {
      q = q.withLanguage(language.toLowerCase(Locale.ROOT));
    }
    String status = nonBlank(params, "status");
    if (status != null) {
      q = q.withStatusCode(switch (status.toLowerCase(Locale.ROOT)) {
        case "unset" -> 0;
        case "ok" -> 1;
        case "error" -> 2;
        default -> throw new IllegalArgumentException(
            "status: expected unset, ok or error, got '" + status + "'");
      });
    }
    String min = nonBlank(params, "minDuration");
    String max = nonBlank(params, "maxDuration");
    long minNanos = min == null ? 0 : Durations.nanos("minDuration", min);
    long maxNanos = max == null ? Long.MAX_VALUE : Durations.nanos("maxDuration", max);
    if (maxNanos < minNanos) {
      throw new IllegalArgumentException(
          "maxDuration (" + max + ") must not be below minDuration (" + min + ")");
    }
    q = q.withDuration(minNanos, maxNanos);
    for (String attr : params.getAll("attr")) {
      int colon = attr.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "attr: expected key:value such as attr=http.method:GET, got '" + attr + "'");
      }
      q = q.withAttribute(AttributeFilter.equal(attr.substring(0, colon), attr.substring(colon + 1)));
    }
    long start = PipelensQueryRoutes.time(params, "start", Long.MIN_VALUE);
    long end = PipelensQueryRoutes.time(params, "end", Long.MAX_VALUE);
    if (start > end) {
      throw new IllegalArgumentException("start must not be after end");
    }
    q = q.withStartBetween(start, end);
    String limit = nonBlank(params, "limit");
    if (limit != null) {
      q = q.withLimit(PipelensQueryRoutes.limit(limit, MAX_LIMIT));
    }
    return q;
  }

  private static String nonBlank(MultiMap params, String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
