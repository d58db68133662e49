package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A trace search: which traces {@link TelemetryStore#findTraceIds} returns. A trace matches when
 * <b>one of its spans</b> satisfies every given filter at once (as in Jaeger): a span of {@code
 * serviceName}, named {@code spanName}, from an SDK of {@code language}, with {@code statusCode},
 * lasting {@code [minDurationNanos, maxDurationNanos]}, carrying every attribute filter, and
 * starting inside {@code [startFromNanos, startToNanos]}. Results come newest first: by the start
 * time of the trace's latest matching span, ties by trace id.
 *
 * <p>Null strings and {@code statusCode} mean "any"; durations and times are nanoseconds (epoch
 * nanoseconds for times), inclusive. Build with {@link #all()} and the {@code with...} methods; the
 * constructor rejects contradictory or out-of-range values with a message naming the field.
 *
 * @param limit at most this many traces, 1-{@value #MAX_LIMIT}; {@link #DEFAULT_LIMIT} by default
 */
public record TraceQuery(
    String serviceName,
    String spanName,
    String language,
    Integer statusCode,
    long minDurationNanos,
    long maxDurationNanos,
    List<AttributeFilter> attributes,
    long startFromNanos,
    long startToNanos,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 10_000;

  public TraceQuery {
    attributes = List.copyOf(attributes);
    if (statusCode != null && (statusCode < 0 || statusCode > 2)) {
      throw new IllegalArgumentException(
          "statusCode: expected 0 (unset), 1 (ok) or 2 (error), got " + statusCode);
    }
    if (minDurationNanos < 0) {
      throw new IllegalArgumentException("minDuration must not be negative, got " + minDurationNanos);
    }
    if (maxDurationNanos < minDurationNanos) {
      throw new IllegalArgumentException("maxDuration (" + maxDurationNanos
          + " ns) must not be below minDuration (" + minDurationNanos + " ns)");
    }
    if (startToNanos < startFromNanos) {
      throw new IllegalArgumentException(
          "end (" + startToNanos + ") must not be before start (" + startFromNanos + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1-" + MAX_LIMIT + ", got " + limit);
    }
  }

  /** Every trace (no filter), the default limit. */
  public static TraceQuery all() {
    return new TraceQuery(null, null, null, null, 0, Long.MAX_VALUE, List.of(), Long.MIN_VALUE,
        Long.MAX_VALUE, DEFAULT_LIMIT);
  }

  public TraceQuery withServiceName(String v) {
    return new TraceQuery(v, spanName, language, statusCode, minDurationNanos, maxDurationNanos,
        attributes, startFromNanos, startToNanos, limit);
  }

  public TraceQuery withSpanName(String v) {
    return new TraceQuery(serviceName, v, language, statusCode, minDurationNanos, maxDurationNanos,
        attributes, startFromNanos, startToNanos, limit);
  }

  public TraceQuery withLanguage(String v) {
    return new TraceQuery(serviceName, spanName, v, statusCode, minDurationNanos, maxDurationNanos,
        attributes, startFromNanos, startToNanos, limit);
  }

  public TraceQuery withStatusCode(Integer v) {
    return new TraceQuery(serviceName, spanName, language, v, minDurationNanos, maxDurationNanos,
        attributes, startFromNanos, startToNanos, limit);
  }

  /** Span duration in [min, max] nanoseconds; {@code Long.MAX_VALUE} as max means no upper bound. */
  public TraceQuery withDuration(long minNanos, long maxNanos) {
    return new TraceQuery(serviceName, spanName, language, statusCode, minNanos, maxNanos,
        attributes, startFromNanos, startToNanos, limit);
  }

  /** Adds one more attribute filter (all are ANDed). */
  public TraceQuery withAttribute(AttributeFilter filter) {
    List<AttributeFilter> all = new ArrayList<>(attributes);
    all.add(filter);
    return new TraceQuery(serviceName, spanName, language, statusCode, minDurationNanos,
        maxDurationNanos, all, startFromNanos, startToNanos, limit);
  }

  /** Span start time in [from, to] epoch nanoseconds. */
  public TraceQuery withStartBetween(long fromNanos, long toNanos) {
    return new TraceQuery(serviceName, spanName, language, statusCode, minDurationNanos,
        maxDurationNanos, attributes, fromNanos, toNanos, limit);
  }

  public TraceQuery withLimit(int v) {
    return new TraceQuery(serviceName, spanName, language, statusCode, minDurationNanos,
        maxDurationNanos, attributes, startFromNanos, startToNanos, v);
  }

  /** Whether this one span satisfies every filter; the reference semantics for every store. */
  public boolean matches(SpanRecord s) {
    if (serviceName != null && !serviceName.equals(s.serviceName())
        || spanName != null && !spanName.equals(s.name())
        || language != null && !language.equals(s.language())
        || statusCode != null && statusCode != s.statusCode()) {
      return false;
    }
    long d = s.durationNanos();
    long start = s.startEpochNanos();
    if (d < minDurationNanos || d > maxDurationNanos || start < startFromNanos || start > startToNanos) {
      return false;
    }
    for (AttributeFilter f : attributes) {
      if (!f.matches(s)) {
        return false;
      }
    }
    return true;
  }
}
