package io.pipelens.collector.query;

import io.pipelens.collector.store.SpanRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.TreeSet;

/** One line of a trace search answer ({@code GET /api/traces?...}, see docs/api.md). */
final class TraceSummaryJson {
  private TraceSummaryJson() {}

  /** {@code spans} in start order, as the store returns them; not empty. */
  static JsonObject summary(List<SpanRecord> spans) {
    SpanRecord root = spans.stream().filter(SpanRecord::isRoot).findFirst().orElse(spans.get(0));
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    int errors = 0;
    TreeSet<String> services = new TreeSet<>();
    TreeSet<String> languages = new TreeSet<>();
    for (SpanRecord s : spans) {
      start = Math.min(start, s.startEpochNanos());
      end = Math.max(end, s.endEpochNanos());
      errors += s.statusCode() == 2 ? 1 : 0;
      if (!s.serviceName().isEmpty()) {
        services.add(s.serviceName());
      }
      if (!s.language().isEmpty()) {
        languages.add(s.language());
      }
    }
    String traceId = root.traceId();
    return new JsonObject()
        .put("traceId", traceId)
        .put("rootService", root.serviceName())
        .put("rootName", root.name())
        .put("startTime", JsonValues.time(start))
        .put("startTimeUnixNano", JsonValues.nanos(start))
        .put("durationNanos", Math.max(0, end - start))
        .put("spanCount", spans.size())
        .put("errorCount", errors)
        .put("services", new JsonArray(List.copyOf(services)))
        .put("languages", new JsonArray(List.copyOf(languages)))
        .put("url", "/api/traces/" + traceId);
  }
}
