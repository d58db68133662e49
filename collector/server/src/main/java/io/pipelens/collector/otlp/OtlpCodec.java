package io.pipelens.collector.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.store.TelemetryBatch;

/**
 * Decodes OTLP export requests (protobuf or JSON) of any signal into a {@link Decoded} batch, and
 * builds the matching Export*ServiceResponse with {@code partial_success} when items were rejected.
 * Pure functions; safe on the event loop for bodies bounded by the configured maximum.
 */
public final class OtlpCodec {
  private OtlpCodec() {}

  /** A decoded request: the valid items, plus how many were rejected and why. */
  public record Decoded(TelemetryBatch batch, long rejected, String rejectionMessage) {}

  /** @throws IngestError MALFORMED when the bytes are not a valid request message */
  public static Decoded decodeProtobuf(Signal signal, byte[] body) {
    try {
      return switch (signal) {
        case TRACES -> traces(ExportTraceServiceRequest.parseFrom(body), body.length);
        case METRICS -> metrics(ExportMetricsServiceRequest.parseFrom(body), body.length);
        case LOGS -> logs(ExportLogsServiceRequest.parseFrom(body), body.length);
      };
    } catch (InvalidProtocolBufferException e) {
      throw new IngestError(IngestError.Kind.MALFORMED, "invalid OTLP protobuf: " + e.getMessage());
    }
  }

  /** @throws IngestError MALFORMED when the bytes are not valid OTLP/JSON */
  public static Decoded decodeJson(Signal signal, byte[] body) {
    return switch (signal) {
      case TRACES -> {
        ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
        OtlpJson.merge(body, b);
        yield traces(b.build(), body.length);
      }
      case METRICS -> {
        ExportMetricsServiceRequest.Builder b = ExportMetricsServiceRequest.newBuilder();
        OtlpJson.merge(body, b);
        yield metrics(b.build(), body.length);
      }
      case LOGS -> {
        ExportLogsServiceRequest.Builder b = ExportLogsServiceRequest.newBuilder();
        OtlpJson.merge(body, b);
        yield logs(b.build(), body.length);
      }
    };
  }

  public static Decoded traces(ExportTraceServiceRequest request, long bytes) {
    var c = TraceConverter.convert(request);
    return new Decoded(TelemetryBatch.ofSpans(c.items(), bytes), c.rejected(), c.rejectionMessage());
  }

  public static Decoded metrics(ExportMetricsServiceRequest request, long bytes) {
    var c = MetricConverter.convert(request);
    return new Decoded(TelemetryBatch.ofMetrics(c.items(), bytes), c.rejected(), c.rejectionMessage());
  }

  public static Decoded logs(ExportLogsServiceRequest request, long bytes) {
    var c = LogConverter.convert(request);
    return new Decoded(TelemetryBatch.ofLogs(c.items(), bytes), c.rejected(), c.rejectionMessage());
  }

  /** The success response; {@code partial_success} is set only when something was rejected. */
  public static Message response(Signal signal, long rejected, String message) {
    boolean partial = rejected > 0 || !message.isEmpty();
    return switch (signal) {
      case TRACES -> partial
          ? ExportTraceServiceResponse.newBuilder().setPartialSuccess(
              ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message)).build()
          : ExportTraceServiceResponse.getDefaultInstance();
      case METRICS -> partial
          ? ExportMetricsServiceResponse.newBuilder().setPartialSuccess(
              ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(rejected).setErrorMessage(message)).build()
          : ExportMetricsServiceResponse.getDefaultInstance();
      case LOGS -> partial
          ? ExportLogsServiceResponse.newBuilder().setPartialSuccess(
              ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(rejected).setErrorMessage(message)).build()
          : ExportLogsServiceResponse.getDefaultInstance();
    };
  }
}
