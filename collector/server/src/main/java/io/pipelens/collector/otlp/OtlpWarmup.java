package io.pipelens.collector.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * Loads and initialises the OTLP message classes, the JSON codec and the converters once at
 * start-up, on a worker thread: otherwise the first requests pay hundreds of milliseconds of class
 * loading on the event loop.
 */
public final class OtlpWarmup {
  private OtlpWarmup() {}

  public static void run() {
    for (Signal signal : Signal.values()) {
      byte[] proto = switch (signal) {
        case TRACES -> traces().toByteArray();
        case METRICS -> metrics().toByteArray();
        case LOGS -> logs().toByteArray();
      };
      OtlpCodec.decodeProtobuf(signal, proto);
      byte[] json = switch (signal) {
        case TRACES -> OtlpJson.print(traces());
        case METRICS -> OtlpJson.print(metrics());
        case LOGS -> OtlpJson.print(logs());
      };
      OtlpCodec.decodeJson(signal, json);
      OtlpCodec.response(signal, 1, "warm-up").toByteArray();
      OtlpJson.print(OtlpCodec.response(signal, 1, "warm-up"));
    }
    OtlpJson.print(com.google.rpc.Status.newBuilder().setCode(3).setMessage("warm-up").build());
  }

  private static Resource resource() {
    AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(kv("a", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setIntValue(1))
            .addValues(AnyValue.newBuilder().setDoubleValue(1.5))
            .addValues(AnyValue.newBuilder().setBoolValue(true))
            .addValues(AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("b"))))
            .build()))).build();
    return Resource.newBuilder()
        .addAttributes(kv("service.name", AnyValue.newBuilder().setStringValue("warm-up").build()))
        .addAttributes(kv("nested", nested))
        .build();
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static final ByteString TRACE = ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  private static final ByteString SPAN = ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

  private static ExportTraceServiceRequest traces() {
    Span span = Span.newBuilder().setTraceId(TRACE).setSpanId(SPAN).setName("warm-up")
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
        .addEvents(Span.Event.newBuilder().setName("e"))
        .addLinks(Span.Link.newBuilder().setTraceId(TRACE).setSpanId(SPAN))
        .build();
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource())
        .addScopeSpans(ScopeSpans.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("s"))
            .addSpans(span))).build();
  }

  private static ExportMetricsServiceRequest metrics() {
    NumberDataPoint number = NumberDataPoint.newBuilder().setAsDouble(1).build();
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
        .addMetrics(Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(number)))
        .addMetrics(Metric.newBuilder().setName("s").setSum(Sum.newBuilder().addDataPoints(number)))
        .addMetrics(Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
            .addDataPoints(HistogramDataPoint.newBuilder().setCount(1).addBucketCounts(1))))
        .addMetrics(Metric.newBuilder().setName("e").setExponentialHistogram(
            ExponentialHistogram.newBuilder().addDataPoints(ExponentialHistogramDataPoint.newBuilder()
                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().addBucketCounts(1)))))
        .addMetrics(Metric.newBuilder().setName("q").setSummary(Summary.newBuilder()
            .addDataPoints(SummaryDataPoint.newBuilder().addQuantileValues(
                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5)))));
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource()).addScopeMetrics(scope)).build();
  }

  private static ExportLogsServiceRequest logs() {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(resource())
        .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
            .setTraceId(TRACE).setSpanId(SPAN)
            .setBody(AnyValue.newBuilder().setStringValue("warm-up"))))).build();
  }
}
