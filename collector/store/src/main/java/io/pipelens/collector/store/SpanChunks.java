package io.pipelens.collector.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * Collects one write call's spans by trace and appends them as rows of {@code span_chunks}: one row
 * per trace per call, its spans encoded with {@link SpanBlockCodec} in a BLOB, beside the few
 * summary columns reads filter on (trace key and id, first and last span start, span count, and
 * the service name when every span of the chunk has the same one, else NULL).
 *
 * <p>Why: a DuckDB row costs 8-15 µs of CPU to append whatever its shape (DuckDB 1.4, measured), so
 * one row per span could not go past ~100,000 spans per CPU-second; a chunk row costs the same
 * once for all of a trace's spans of the call. Used by the writer thread only.
 */
final class SpanChunks {
  static final String TABLE = "span_chunks";

  private final Map<String, List<SpanRecord>> byTrace = new HashMap<>();
  private final List<String> order = new ArrayList<>();

  /** Adds a span, checking its ids; {@code what} names it in errors (built only on failure). */
  void add(SpanRecord s, int batch, int index) {
    String traceId = s.traceId();
    if (traceId == null || traceId.isEmpty() || s.spanId() == null || s.spanId().isEmpty()) {
      String what = "batch " + batch + " span " + index;
      SpanRows.require(traceId, what, "traceId");
      SpanRows.require(s.spanId(), what, "spanId");
    }
    List<SpanRecord> spans = byTrace.get(traceId);
    if (spans == null) {
      spans = new ArrayList<>(4);
      byTrace.put(traceId, spans);
      order.add(traceId);
    }
    spans.add(s);
  }

  boolean isEmpty() {
    return order.isEmpty();
  }

  /**
   * Appends one row per trace. An unencodable attribute value fails with an
   * IllegalArgumentException naming the trace; {@link DuckDbAppends} names the span.
   */
  void appendTo(DuckDBAppender a, SpanOperations.Call operations) throws SQLException {
    for (String traceId : order) {
      List<SpanRecord> spans = byTrace.get(traceId);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      String service = spans.get(0).serviceName();
      boolean oneService = true;
      for (SpanRecord s : spans) {
        long start = s.startEpochNanos();
        min = Math.min(min, start);
        max = Math.max(max, start);
        oneService = oneService && java.util.Objects.equals(service, s.serviceName());
        operations.add(s.serviceName(), s.name(), s.kind());
      }
      byte[] block = SpanBlockCodec.encode(spans);
      a.beginRow();
      a.append(TraceKey.of(traceId));
      a.append(traceId);
      a.append(min);
      a.append(max);
      a.append(spans.size());
      SpanRows.str(a, oneService ? service : null);
      a.append(block);
      a.endRow();
    }
  }
}
