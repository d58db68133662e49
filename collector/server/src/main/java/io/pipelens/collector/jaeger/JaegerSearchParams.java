package io.pipelens.collector.jaeger;

import io.pipelens.collector.query.Durations;
import io.pipelens.collector.store.AttributeFilter;
import io.pipelens.collector.store.TraceQuery;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * Jaeger's {@code GET /api/traces?...} search parameters (what Jaeger UI and Grafana's Jaeger data
 * source send) to a {@link TraceQuery}: {@code service} (required), {@code operation}, {@code tags}
 * (a JSON object of strings) and repeatable {@code tag=k:v}, {@code minDuration}/{@code
 * maxDuration} as Go durations ({@code 1.2ms}), {@code start}/{@code end} in epoch microseconds
 * (default: the last {@value #DEFAULT_LOOKBACK_HOURS} hours), {@code limit} (default {@value
 * #DEFAULT_LIMIT}). Tag {@code error=true} and {@code otel.status_code=OK|ERROR} select the span
 * status, as the exported tags show it. Problems are {@link IllegalArgumentException}s naming the
 * parameter.
 */
final class JaegerSearchParams {
  static final int DEFAULT_LIMIT = 100;
  static final int DEFAULT_LOOKBACK_HOURS = 48;

  private JaegerSearchParams() {}

  static TraceQuery parse(MultiMap p, long nowMicros) {
    String service = p.get("service");
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("parameter 'service' is required");
    }
    TraceQuery q = TraceQuery.all().withServiceName(service.trim());
    String operation = p.get("operation");
    if (operation != null && !operation.isBlank()) {
      q = q.withSpanName(operation);
    }
    String tags = p.get("tags");
    if (tags != null && !tags.isBlank()) {
      JsonObject json;
      try {
        json = new JsonObject(tags);
      } catch (DecodeException | ClassCastException e) {
        throw new IllegalArgumentException("malformed 'tags' parameter, expected a JSON object of "
            + "strings such as {\"http.method\":\"GET\"}: " + tags);
      }
      for (Map.Entry<String, Object> e : json) {
        if (!(e.getValue() instanceof String v)) {
          throw new IllegalArgumentException(
              "malformed 'tags' parameter: the value of '" + e.getKey() + "' must be a string");
        }
        q = tag(q, e.getKey(), v);
      }
    }
    for (String tag : p.getAll("tag")) {
      int colon = tag.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "malformed 'tag' parameter, expected 'key:value', got '" + tag + "'");
      }
      q = tag(q, tag.substring(0, colon), tag.substring(colon + 1));
    }
    String min = p.get("minDuration");
    String max = p.get("maxDuration");
    long minNanos = min == null || min.isBlank() ? 0 : Durations.nanos("minDuration", min);
    long maxNanos = max == null || max.isBlank() ? Long.MAX_VALUE : Durations.nanos("maxDuration", max);
    if (maxNanos < minNanos) {
      throw new IllegalArgumentException("'maxDuration' should be greater than 'minDuration'");
    }
    q = q.withDuration(minNanos, maxNanos);
    long end = micros(p, "end", nowMicros);
    long start = micros(p, "start", end - DEFAULT_LOOKBACK_HOURS * 3_600_000_000L);
    if (start > end) {
      throw new IllegalArgumentException("'start' must not be after 'end'");
    }
    q = q.withStartBetween(Math.multiplyExact(start, 1_000L), Math.multiplyExact(end, 1_000L) + 999);
    String limit = p.get("limit");
    if (limit == null || limit.isBlank()) {
      return q.withLimit(DEFAULT_LIMIT);
    }
    long n = Durations.wholeNumber("limit", limit, "traces");
    if (n < 1 || n > TraceQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1-" + TraceQuery.MAX_LIMIT + ", got " + n);
    }
    return q.withLimit((int) n);
  }

  private static TraceQuery tag(TraceQuery q, String key, String value) {
    if (key.equals("error") && value.equalsIgnoreCase("true")) {
      return q.withStatusCode(2);
    }
    if (key.equals("otel.status_code")) {
      return switch (value.toUpperCase(Locale.ROOT)) {
        case "ERROR" -> q.withStatusCode(2);
        case "OK" -> q.withStatusCode(1);
        default -> throw new IllegalArgumentException(
            "tag otel.status_code: expected OK or ERROR, got '" + value + "'");
      };
    }
    return q.withAttribute(AttributeFilter.equal(key, value));
  }

  private static long micros(MultiMap p, String name, long otherwise) {
    String v = p.get(name);
    return v == null || v.isBlank() ? otherwise : Durations.wholeNumber(name, v, "epoch microseconds");
  }
}
