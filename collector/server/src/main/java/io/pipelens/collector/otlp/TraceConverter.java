package io.pipelens.collector.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.pipelens.collector.ingest.RequestStrings;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanLink;
import io.pipelens.collector.store.SpanRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP spans to {@link SpanRecord}s. A span with an invalid trace id, span id or parent span id
 * (wrong length or all zeros) is rejected on its own; the rest of the request is kept.
 */
public final class TraceConverter {
  private TraceConverter() {}

  public static Converted<SpanRecord> convert(ExportTraceServiceRequest request) {
    List<SpanRecord> out = new ArrayList<>();
    Rejections rejections = new Rejections();
    Ids.LastHex traceIds = new Ids.LastHex();
    Ids.LastHex parentIds = new Ids.LastHex();
    RequestStrings strings = new RequestStrings();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Map<String, Object> resource = AnyValues.attributes(rs.getResource().getAttributesList(), strings);
      String service = AnyValues.stringAttribute(rs.getResource(), "service.name");
      String language = AnyValues.stringAttribute(rs.getResource(), "telemetry.sdk.language");
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        InstrumentationScope scope = ss.getScope();
        for (Span span : ss.getSpansList()) {
          String problem = problem(span);
          if (problem != null) {
            rejections.reject(1, problem);
            continue;
          }
          out.add(toRecord(span, service, language, resource, scope, traceIds, parentIds, strings));
        }
      }
    }
    return new Converted<>(out, rejections.count(), rejections.message());
  }

  private static String problem(Span span) {
    if (!Ids.isValid(span.getTraceId(), Ids.TRACE_ID_BYTES)) {
      return "span '" + span.getName() + "': trace_id must be 16 bytes, not all zero";
    }
    if (!Ids.isValid(span.getSpanId(), Ids.SPAN_ID_BYTES)) {
      return "span '" + span.getName() + "': span_id must be 8 bytes, not all zero";
    }
    if (!span.getParentSpanId().isEmpty()
        && !Ids.isValid(span.getParentSpanId(), Ids.SPAN_ID_BYTES)) {
      return "span '" + span.getName() + "': parent_span_id must be empty or 8 bytes";
    }
    return null;
  }

  private static SpanRecord toRecord(
      Span span,
      String service,
      String language,
      Map<String, Object> resource,
      InstrumentationScope scope,
      Ids.LastHex traceIds,
      Ids.LastHex parentIds,
      RequestStrings strings) {
    List<SpanEvent> events = List.of();
    if (span.getEventsCount() > 0) {
      SpanEvent[] array = new SpanEvent[span.getEventsCount()];
      for (int i = 0; i < array.length; i++) {
        Span.Event e = span.getEvents(i);
        array[i] = new SpanEvent(e.getTimeUnixNano(), strings.of(e.getName()),
            AnyValues.attributes(e.getAttributesList(), strings));
      }
      events = List.of(array);
    }
    List<SpanLink> links = List.of();
    if (span.getLinksCount() > 0) {
      SpanLink[] array = new SpanLink[span.getLinksCount()];
      for (int i = 0; i < array.length; i++) {
        Span.Link l = span.getLinks(i);
        array[i] = new SpanLink(Ids.hex(l.getTraceId()), Ids.hex(l.getSpanId()), l.getTraceState(),
            AnyValues.attributes(l.getAttributesList(), strings));
      }
      links = List.of(array);
    }
    return new SpanRecord(
        traceIds.of(span.getTraceId()),
        Ids.hex(span.getSpanId()),
        parentIds.of(span.getParentSpanId()),
        strings.of(span.getTraceState()),
        span.getFlags(),
        strings.of(span.getName()),
        span.getKindValue(),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        span.getStatus().getCodeValue(),
        strings.of(span.getStatus().getMessage()),
        service,
        language,
        resource,
        scope.getName(),
        scope.getVersion(),
        AnyValues.attributes(span.getAttributesList(), strings),
        events,
        links);
  }
}
