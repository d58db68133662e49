package io.pipelens.collector.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Attribute values and times as JSON, shared by the pipelens query views. */
public final class JsonValues {
  private static final String[] KINDS = {"unspecified", "internal", "server", "client", "producer", "consumer"};
  private static final String[] STATUSES = {"unset", "ok", "error"};

  private JsonValues() {}

  public static JsonObject attributes(Map<String, Object> attributes) {
    JsonObject out = new JsonObject();
    attributes.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  public static Object value(Object v) {
    if (v instanceof Map<?, ?> map) {
      JsonObject o = new JsonObject();
      map.forEach((k, x) -> o.put(String.valueOf(k), value(x)));
      return o;
    }
    if (v instanceof List<?> list) {
      JsonArray a = new JsonArray();
      list.forEach(x -> a.add(value(x)));
      return a;
    }
    if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return v;
  }

  /** Epoch nanoseconds as a decimal string (JSON numbers lose precision past 2^53, as in OTLP/JSON). */
  public static String nanos(long epochNanos) {
    return Long.toString(epochNanos);
  }

  /** RFC 3339 with nanosecond precision, UTC. */
  public static String time(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L)).toString();
  }

  public static String kind(int kind) {
    return kind >= 0 && kind < KINDS.length ? KINDS[kind] : "unspecified";
  }

  public static String status(int code) {
    return code >= 0 && code < STATUSES.length ? STATUSES[code] : "unset";
  }
}
