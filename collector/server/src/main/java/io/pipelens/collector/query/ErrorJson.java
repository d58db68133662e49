package io.pipelens.collector.query;

import io.pipelens.collector.errors.ErrorGroup;
import io.pipelens.collector.errors.ErrorGroupDetail;
import io.pipelens.collector.errors.ErrorOccurrence;
import io.pipelens.collector.errors.StackFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Error groups and occurrences as JSON (see docs/api.md); trace links point at the trace view. */
final class ErrorJson {
  private ErrorJson() {}

  static JsonObject group(ErrorGroup g) {
    JsonArray traces = new JsonArray();
    g.recentTraceIds().forEach(t -> traces.add(traceRef(t)));
    return new JsonObject()
        .put("fingerprint", g.fingerprint())
        .put("type", g.type())
        .put("message", g.messageSample())
        .put("language", g.language().sdkName())
        .put("service", g.serviceName())
        .put("services", new JsonArray(g.services()))
        .put("firstSeen", JsonValues.time(g.firstSeenEpochNanos()))
        .put("lastSeen", JsonValues.time(g.lastSeenEpochNanos()))
        .put("firstSeenUnixNano", JsonValues.nanos(g.firstSeenEpochNanos()))
        .put("lastSeenUnixNano", JsonValues.nanos(g.lastSeenEpochNanos()))
        .put("count", g.count())
        .put("errorCode", g.errorCode())
        .put("recentTraces", traces);
  }

  static JsonObject detail(ErrorGroupDetail d) {
    return new JsonObject().put("group", group(d.group()))
        .put("recentOccurrences", occurrences(d.recentOccurrences()));
  }

  static JsonArray occurrences(List<ErrorOccurrence> list) {
    JsonArray out = new JsonArray();
    list.forEach(o -> out.add(occurrence(o)));
    return out;
  }

  static JsonObject occurrence(ErrorOccurrence o) {
    JsonArray frames = new JsonArray();
    for (StackFrame f : o.frames()) {
      frames.add(new JsonObject().put("function", f.function()).put("module", f.module())
          .put("file", f.file()).put("line", f.line()).put("inApp", f.inApp()));
    }
    JsonObject json = new JsonObject()
        .put("fingerprint", o.fingerprint())
        .put("traceId", o.traceId())
        .put("spanId", o.spanId())
        .put("service", o.serviceName())
        .put("serviceVersion", o.serviceVersion())
        .put("language", o.language().sdkName())
        .put("time", JsonValues.time(o.timeEpochNanos()))
        .put("timeUnixNano", JsonValues.nanos(o.timeEpochNanos()))
        .put("source", o.source().name().toLowerCase(java.util.Locale.ROOT))
        .put("type", o.type())
        .put("message", o.message())
        .put("escaped", o.escaped())
        .put("errorCode", o.errorCode())
        .put("stacktrace", o.stacktrace())
        .put("frames", frames);
    if (!o.traceId().isEmpty()) {
      json.put("traceUrl", "/api/traces/" + o.traceId());
    }
    return json;
  }

  private static JsonObject traceRef(String traceId) {
    return new JsonObject().put("traceId", traceId).put("url", "/api/traces/" + traceId);
  }
}
