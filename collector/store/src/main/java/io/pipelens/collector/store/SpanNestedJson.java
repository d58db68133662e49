package io.pipelens.collector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Span events and links as JSON arrays in the spans table, so a span is one appended row:
 * {@code [{"time_ns":1,"name":"exception","attributes":{...}}]} and {@code
 * [{"trace_id":"..","span_id":"..","trace_state":"..","attributes":{...}}]}; attributes use {@link
 * AttributeJson}. SQL reaches inside with DuckDB's JSON functions, e.g. {@code
 * json_extract_string(events, '$[*].name')}.
 */
final class SpanNestedJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SpanNestedJson() {}

  static String encodeEvents(List<SpanEvent> events, String what) {
    if (events == null) {
      return null;
    }
    if (events.isEmpty()) {
      return "[]";
    }
    StringBuilder out = new StringBuilder(64 * events.size());
    out.append('[');
    for (int i = 0; i < events.size(); i++) {
      SpanEvent e = events.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"time_ns\":").append(e.epochNanos()).append(",\"name\":");
      nullableString(out, e.name());
      attributes(out, e.attributes(), what + ".events[" + i + "]");
    }
    return out.append(']').toString();
  }

  static String encodeLinks(List<SpanLink> links, String what) {
    if (links == null) {
      return null;
    }
    if (links.isEmpty()) {
      return "[]";
    }
    StringBuilder out = new StringBuilder(96 * links.size());
    out.append('[');
    for (int i = 0; i < links.size(); i++) {
      SpanLink l = links.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"trace_id\":");
      nullableString(out, l.traceId());
      out.append(",\"span_id\":");
      nullableString(out, l.spanId());
      out.append(",\"trace_state\":");
      nullableString(out, l.traceState());
      attributes(out, l.attributes(), what + ".links[" + i + "]");
    }
    return out.append(']').toString();
  }

  private static void nullableString(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
    } else {
      AttributeJson.writeString(out, s);
    }
  }

  /** Writes {@code ,"attributes":{...}}} closing the element object. */
  private static void attributes(StringBuilder out, Map<String, Object> attributes, String what) {
    out.append(",\"attributes\":");
    if (attributes == null) {
      out.append("null");
    } else {
      AttributeJson.writeMap(out, attributes, what);
    }
    out.append('}');
  }

  static List<SpanEvent> decodeEvents(String json) {
    if (json == null) {
      return null;
    }
    List<SpanEvent> events = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        long time = 0;
        String name = null;
        Map<String, Object> attributes = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "time_ns" -> time = p.getLongValue();
            case "name" -> name = textOrNull(p);
            case "attributes" -> attributes = AttributeJson.readMap(p);
            default -> p.skipChildren();
          }
        }
        events.add(new SpanEvent(time, name, attributes));
      }
    } catch (IOException e) {
      throw new IllegalStateException("stored events JSON is corrupt: " + e.getMessage(), e);
    }
    return events;
  }

  static List<SpanLink> decodeLinks(String json) {
    if (json == null) {
      return null;
    }
    List<SpanLink> links = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String traceId = null;
        String spanId = null;
        String traceState = null;
        Map<String, Object> attributes = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "trace_id" -> traceId = textOrNull(p);
            case "span_id" -> spanId = textOrNull(p);
            case "trace_state" -> traceState = textOrNull(p);
            case "attributes" -> attributes = AttributeJson.readMap(p);
            default -> p.skipChildren();
          }
        }
        links.add(new SpanLink(traceId, spanId, traceState, attributes));
      }
    } catch (IOException e) {
      throw new IllegalStateException("stored links JSON is corrupt: " + e.getMessage(), e);
    }
    return links;
  }

  private static String textOrNull(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
  }
}
