package io.pipelens.collector.store;

import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends one write call's rows with DuckDB appenders, inside the caller's open transaction: a
 * failure anywhere leaves rows the appenders already flushed for the caller's {@code ROLLBACK}.
 */
final class DuckDbAppends {
  private DuckDbAppends() {}

  static void appendAll(
      DuckDBConnection writer, List<TelemetryBatch> batches, ResourceIds.Call resources)
      throws SQLException {
    TraceIndexRows traceIndex = new TraceIndexRows();
    DuckDBAppender spans = null;
    DuckDBAppender logs = null;
    DuckDBAppender metrics = null;
    try {
      for (int b = 0; b < batches.size(); b++) {
        TelemetryBatch batch = batches.get(b);
        List<SpanRecord> spanList = batch.spans();
        if (!spanList.isEmpty() && spans == null) {
          spans = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans");
        }
        for (int i = 0; i < spanList.size(); i++) {
          SpanRecord s = spanList.get(i);
          SpanRows.append(spans, s, resources, "batch " + b + " span " + i);
          traceIndex.add(s.traceId(), s.startEpochNanos());
        }
        List<LogRecordData> logList = batch.logs();
        if (!logList.isEmpty() && logs == null) {
          logs = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "logs");
        }
        for (int i = 0; i < logList.size(); i++) {
          LogRecordData l = logList.get(i);
          LogRows.append(logs, l, resources, "batch " + b + " log " + i);
          if (l.traceId() != null && !l.traceId().isEmpty()) {
            // logsOfTrace prunes the logs table by this range, as trace() prunes spans
            traceIndex.add(l.traceId(), l.timeEpochNanos() != 0 ? l.timeEpochNanos() : l.observedEpochNanos());
          }
        }
        List<MetricPoint> metricList = batch.metrics();
        if (!metricList.isEmpty() && metrics == null) {
          metrics = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_points");
        }
        for (int i = 0; i < metricList.size(); i++) {
          MetricRows.append(metrics, metricList.get(i), resources, "batch " + b + " metric " + i);
        }
      }
      flushAndClose(spans);
      spans = null;
      flushAndClose(logs);
      logs = null;
      flushAndClose(metrics);
      metrics = null;
      if (resources.hasNew()) {
        try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "resources")) {
          resources.appendNew(a);
        }
      }
      if (!traceIndex.isEmpty()) {
        try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "trace_index")) {
          traceIndex.appendTo(a);
        }
      }
    } finally {
      // After a failure the appenders may hold half a row; closing flushes into the transaction
      // that the caller rolls back, so their errors are of no interest.
      closeQuietly(spans);
      closeQuietly(logs);
      closeQuietly(metrics);
    }
  }

  private static void flushAndClose(DuckDBAppender a) throws SQLException {
    if (a != null) {
      a.close();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // after a failure: the transaction is rolled back anyway
      }
    }
  }
}
