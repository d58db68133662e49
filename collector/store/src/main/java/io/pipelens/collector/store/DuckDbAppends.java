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

  static void appendAll(WriterSession session, List<TelemetryBatch> batches,
      ResourceIds.Call resources, SpanOperations.Call operations) throws SQLException {
    SpanChunks chunks = new SpanChunks();
    for (int b = 0; b < batches.size(); b++) {
      TelemetryBatch batch = batches.get(b);
      List<SpanRecord> spanList = batch.spans();
      for (int i = 0; i < spanList.size(); i++) {
        chunks.add(spanList.get(i), b, i);
      }
      List<LogRecordData> logList = batch.logs();
      if (!logList.isEmpty()) {
        DuckDBAppender logs = session.appender("logs");
        for (int i = 0; i < logList.size(); i++) {
          LogRecordData l = logList.get(i);
          LogRows.append(logs, l, resources, "batch " + b + " log " + i);
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
    if (!chunks.isEmpty()) {
      try {
        chunks.appendTo(session.appender(SpanChunks.TABLE), operations);
      } catch (IllegalArgumentException e) {
        throw nameTheSpan(batches, e);
      }
      if (operations.hasNew()) {
        operations.appendNew(session.appender(SpanOperations.TABLE));
      }
    }
    if (resources.hasNew()) {
      resources.appendNew(session.appender("resources"));
    }
  }

  /** One {@code span_chunks} row per trace from its blocks as they are, and new operations. */
  static void appendEncoded(WriterSession session, List<EncodedTrace> traces,
      SpanOperations.Call operations) throws SQLException {
    if (traces.isEmpty()) {
      return;
    }
    DuckDBAppender a = session.appender(SpanChunks.TABLE);
    for (EncodedTrace t : traces) {
      SpanChunks.appendRow(a, t, operations);
    }
    if (operations.hasNew()) {
      operations.appendNew(session.appender(SpanOperations.TABLE));
    }
  }

  /** After a chunk failed to encode: the first span that cannot be, by batch, index and field. */
  private static IllegalArgumentException nameTheSpan(
      List<TelemetryBatch> batches, IllegalArgumentException cause) {
    for (int b = 0; b < batches.size(); b++) {
      List<SpanRecord> spans = batches.get(b).spans();
      for (int i = 0; i < spans.size(); i++) {
        SpanRecord s = spans.get(i);
        String what = "batch " + b + " span " + i;
        try {
          SpanBlockCodec.encode(List.of(s));
        } catch (IllegalArgumentException e) {
          // The JSON encoders name the attribute, event or link; else the codec's message.
          AttributeJson.encodeMap(s.attributes(), what + ".attributes");
          AttributeJson.encodeMap(s.resource(), what + ".resource");
          SpanNestedJson.encodeEvents(s.events(), what);
          SpanNestedJson.encodeLinks(s.links(), what);
          return new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
      }
    }
    return cause;
  }
}
