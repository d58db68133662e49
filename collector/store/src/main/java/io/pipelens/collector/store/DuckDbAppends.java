package io.pipelens.collector.store;

import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * Appends one write call's rows with the session's appenders, inside the caller's open transaction:
 * after a failure anywhere the caller rolls back ({@link WriterSession#rollback}).
 */
final class DuckDbAppends {
  private DuckDbAppends() {}

  static void appendAll(
      WriterSession session, List<TelemetryBatch> batches, ResourceIds.Call resources)
      throws SQLException {
    TraceIndexRows traceIndex = new TraceIndexRows();
    for (int b = 0; b < batches.size(); b++) {
      TelemetryBatch batch = batches.get(b);
      List<SpanRecord> spanList = batch.spans();
      if (!spanList.isEmpty()) {
        DuckDBAppender spans = session.appender("spans");
        for (int i = 0; i < spanList.size(); i++) {
          SpanRecord s = spanList.get(i);
          SpanRows.append(spans, s, resources, b, i);
          traceIndex.add(s.traceId(), s.startEpochNanos());
        }
      }
      List<LogRecordData> logList = batch.logs();
      if (!logList.isEmpty()) {
        DuckDBAppender logs = session.appender("logs");
        for (int i = 0; i < logList.size(); i++) {
          LogRecordData l = logList.get(i);
          LogRows.append(logs, l, resources, "batch " + b + " log " + i);
          if (l.traceId() != null && !l.traceId().isEmpty()) {
            // logsOfTrace prunes the logs table by this range, as trace() prunes spans
            traceIndex.add(l.traceId(), l.timeEpochNanos() != 0 ? l.timeEpochNanos() : l.observedEpochNanos());
          }
        }
      }
      List<MetricPoint> metricList = batch.metrics();
      if (!metricList.isEmpty()) {
        DuckDBAppender metrics = session.appender("metric_points");
        for (int i = 0; i < metricList.size(); i++) {
          MetricRows.append(metrics, metricList.get(i), resources, "batch " + b + " metric " + i);
        }
      }
    }
    if (resources.hasNew()) {
      resources.appendNew(session.appender("resources"));
    }
    if (!traceIndex.isEmpty()) {
      traceIndex.appendTo(session.appender("trace_index"));
    }
  }
}
