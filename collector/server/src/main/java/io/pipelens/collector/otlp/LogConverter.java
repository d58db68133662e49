package io.pipelens.collector.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.pipelens.collector.store.LogRecordData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP log records to {@link LogRecordData}. Trace and span ids are optional; present but malformed
 * ids (wrong length) reject that record alone.
 */
public final class LogConverter {
  private LogConverter() {}

  public static Converted<LogRecordData> convert(ExportLogsServiceRequest request) {
    List<LogRecordData> out = new ArrayList<>();
    Rejections rejections = new Rejections();
    for (ResourceLogs rl : request.getResourceLogsList()) {
      Map<String, Object> resource = AnyValues.attributes(rl.getResource().getAttributesList());
      String service = AnyValues.stringAttribute(rl.getResource(), "service.name");
      String language = AnyValues.stringAttribute(rl.getResource(), "telemetry.sdk.language");
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        InstrumentationScope scope = sl.getScope();
        for (LogRecord r : sl.getLogRecordsList()) {
          if (!r.getTraceId().isEmpty() && r.getTraceId().size() != Ids.TRACE_ID_BYTES) {
            rejections.reject(1, "log record: trace_id must be empty or 16 bytes");
            continue;
          }
          if (!r.getSpanId().isEmpty() && r.getSpanId().size() != Ids.SPAN_ID_BYTES) {
            rejections.reject(1, "log record: span_id must be empty or 8 bytes");
            continue;
          }
          out.add(
              new LogRecordData(
                  r.getTimeUnixNano(),
                  r.getObservedTimeUnixNano(),
                  r.getSeverityNumberValue(),
                  r.getSeverityText(),
                  r.hasBody() ? AnyValues.toJava(r.getBody()) : null,
                  r.getEventName(),
                  Ids.isValid(r.getTraceId(), Ids.TRACE_ID_BYTES) ? Ids.hex(r.getTraceId()) : "",
                  Ids.isValid(r.getSpanId(), Ids.SPAN_ID_BYTES) ? Ids.hex(r.getSpanId()) : "",
                  r.getFlags(),
                  service,
                  language,
                  resource,
                  scope.getName(),
                  scope.getVersion(),
                  AnyValues.attributes(r.getAttributesList())));
        }
      }
    }
    return new Converted<>(out, rejections.count(), rejections.message());
  }
}
