package io.pipelens.collector.store;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * Collects, per write call, the time range of each trace its logs belong to, for the {@code
 * trace_index} table: one row per trace per commit, covering its logs' times (a log's time, or when
 * it was observed if it has none). {@code logsOfTrace} reads this small table first, then scans
 * only the log row groups whose zone maps overlap the range. (Spans need no such index: their
 * {@code span_chunks} rows are one per trace per commit already.) Schema-1 files also hold span
 * ranges here; they only widen a log lookup's range.
 */
final class TraceIndexRows {
  private final Map<String, long[]> ranges = new HashMap<>();

  void add(String traceId, long startNanos) {
    long[] r = ranges.get(traceId);
    if (r == null) {
      ranges.put(traceId, new long[] {startNanos, startNanos});
    } else {
      r[0] = Math.min(r[0], startNanos);
      r[1] = Math.max(r[1], startNanos);
    }
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  void appendTo(DuckDBAppender a) throws SQLException {
    for (Map.Entry<String, long[]> e : ranges.entrySet()) {
      a.beginRow();
      a.append(TraceKey.of(e.getKey()));
      a.append(e.getKey());
      a.append(e.getValue()[0]);
      a.append(e.getValue()[1]);
      a.endRow();
    }
  }
}
