package io.pipelens.collector.prom;

import io.pipelens.alerts.promql.parse.Durations;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Query parameters of Prometheus's HTTP API, read the way Prometheus reads them: times as Unix
 * seconds with decimals or RFC 3339, durations as seconds with decimals or a PromQL duration
 * ({@code 15s}, {@code 1m30s}). A bad value is a {@link BadParameter} naming the parameter.
 */
record ApiParams(Map<String, List<String>> values) {

  /** Thrown for a missing or unreadable parameter; answered as {@code bad_data} (400). */
  static final class BadParameter extends IllegalArgumentException {
    BadParameter(String message) {
      super(message);
    }
  }

  ApiParams {
    values = Map.copyOf(values);
  }

  String get(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  String required(String name) {
    String v = get(name);
    if (v == null || v.isEmpty()) {
      throw new BadParameter("invalid parameter \"" + name + "\": missing");
    }
    return v;
  }

  /** Milliseconds since the epoch; {@code fallback} when the parameter is absent or empty. */
  long time(String name, long fallback) {
    String v = get(name);
    return v == null || v.isEmpty() ? fallback : parseTime(name, v);
  }

  /** A positive duration in milliseconds. */
  long duration(String name) {
    String v = required(name);
    try {
      double seconds = Double.parseDouble(v);
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      return Math.round(seconds * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        return Durations.parseMillis(v);
      } catch (RuntimeException e) {
        throw new BadParameter("invalid parameter \"" + name + "\": cannot parse \"" + v
            + "\" to a valid duration");
      }
    }
  }

  static long parseTime(String name, String v) {
    try {
      double seconds = Double.parseDouble(v);
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      return Math.round(seconds * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        return OffsetDateTime.parse(v).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new BadParameter("invalid parameter \"" + name + "\": cannot parse \"" + v
            + "\" to a valid timestamp");
      }
    }
  }
}
