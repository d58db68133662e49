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
      appendRow(a, EncodedTrace.of(traceId, byTrace.get(traceId)), operations);
    }
  }

  /** One row: the trace's summary columns and its block(s) as they are; its operations noted. */
  static void appendRow(DuckDBAppender a, EncodedTrace t, SpanOperations.Call operations)
      throws SQLException {
    a.beginRow();
    a.append(TraceKey.of(t.traceId()));
    a.append(t.traceId());
    a.append(t.minStartNanos());
    a.append(t.maxStartNanos());
    a.append(t.spanCount());
    SpanRows.str(a, t.serviceName());
    a.append(t.block());
    a.endRow();
    for (int i = 0; i < t.opNames().length; i++) {
      operations.add(t.opServices()[i], t.opNames()[i], t.opKinds()[i]);
    }
  }
}
