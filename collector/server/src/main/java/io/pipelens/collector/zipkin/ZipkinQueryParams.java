package io.pipelens.collector.zipkin;

import io.pipelens.collector.query.Durations;
import io.pipelens.collector.store.AttributeFilter;
import io.pipelens.collector.store.TraceQuery;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * Zipkin's {@code GET /api/v2/traces} parameters to a {@link TraceQuery}, with zipkin-server's
 * defaults and checks: {@code serviceName}, {@code remoteServiceName} ({@code peer.service}),
 * {@code spanName} ({@code all} = any; matched case-insensitively by the caller), {@code
 * annotationQuery} ({@code k=v and k2}), {@code minDuration}/{@code maxDuration} in microseconds
 * (max needs min), {@code endTs} (epoch ms, default now) and {@code lookback} (ms, default one day),
 * {@code limit} (default 10). Problems are {@link IllegalArgumentException}s naming the parameter.
 */
final class ZipkinQueryParams {
  static final long DEFAULT_LOOKBACK_MS = 86_400_000L;
  static final int DEFAULT_LIMIT = 10;

  private ZipkinQueryParams() {}

  static TraceQuery parse(MultiMap p, long nowMillis) {
    TraceQuery q = TraceQuery.all();
    String remote = lower(p.get("remoteServiceName"));
    if (remote != null) {
      q = q.withAttribute(AttributeFilter.equal("peer.service", remote));
    }
    String annotations = p.get("annotationQuery");
    if (annotations != null && !annotations.isBlank()) {
      for (String term : annotations.split(" and ")) {
        q = annotationTerm(q, term.trim());
      }
    }
    String min = p.get("minDuration");
    String max = p.get("maxDuration");
    if (max != null && min == null) {
      throw new IllegalArgumentException("minDuration is required when specifying maxDuration");
    }
    long minNanos = min == null ? 0 : Durations.micros("minDuration", min);
    long maxNanos = max == null ? Long.MAX_VALUE : Durations.micros("maxDuration", max);
    if (maxNanos < minNanos) {
      throw new IllegalArgumentException("maxDuration should be >= minDuration");
    }
    q = q.withDuration(minNanos, maxNanos);
    long endTs = p.get("endTs") == null ? nowMillis
        : Durations.wholeNumber("endTs", p.get("endTs"), "epoch milliseconds");
    long lookback = p.get("lookback") == null ? DEFAULT_LOOKBACK_MS
        : Durations.wholeNumber("lookback", p.get("lookback"), "milliseconds");
    if (endTs <= 0) {
      throw new IllegalArgumentException("endTs <= 0");
    }
    if (lookback <= 0) {
      throw new IllegalArgumentException("lookback <= 0");
    }
    long from = Math.max(0, endTs - lookback);
    q = q.withStartBetween(Math.multiplyExact(from, 1_000_000L),
        Math.multiplyExact(endTs, 1_000_000L) + 999_999);
    if (p.get("limit") != null) {
      long limit = Durations.wholeNumber("limit", p.get("limit"), "traces");
      if (limit <= 0 || limit > TraceQuery.MAX_LIMIT) {
        throw new IllegalArgumentException(
            "limit: expected 1-" + TraceQuery.MAX_LIMIT + ", got " + limit);
      }
      q = q.withLimit((int) limit);
    } else {
      q = q.withLimit(DEFAULT_LIMIT);
    }
    return q;
  }

  /**
   * One term: {@code error} and {@code otel.status_code=...} become the span status (the encoder
   * derives those tags from it), {@code k=v} a tag, a bare {@code k} a tag key or annotation.
   */
  private static TraceQuery annotationTerm(TraceQuery q, String term) {
    if (term.isEmpty()) {
      return q;
    }
    int eq = term.indexOf('=');
    String key = (eq < 0 ? term : term.substring(0, eq)).trim();
    String value = eq < 0 ? null : term.substring(eq + 1).trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("annotationQuery: empty key in '" + term + "'");
    }
    if (key.equals("error")) {
      return q.withStatusCode(2);
    }
    if (key.equals("otel.status_code") && value != null) {
      return switch (value.toUpperCase(Locale.ROOT)) {
        case "ERROR" -> q.withStatusCode(2);
        case "OK" -> q.withStatusCode(1);
        default -> throw new IllegalArgumentException(
            "annotationQuery: otel.status_code is OK or ERROR, got '" + value + "'");
      };
    }
    return q.withAttribute(value == null ? AttributeFilter.present(key)
        : AttributeFilter.equal(key, value));
  }

  /** Zipkin lower-cases service and span names; null for absent, blank or {@code all}. */
  static String lower(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String l = v.trim().toLowerCase(Locale.ROOT);
    return l.equals("all") ? null : l;
  }
}
