package io.pipelens.collector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (int i = 0; i < events.size(); i++) {
        SpanEvent e = events.get(i);
        g.writeStartObject();
        g.writeNumberField("time_ns", e.epochNanos());
        g.writeStringField("name", e.name());
        writeAttributes(g, e.attributes(), what + ".events[" + i + "]");
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String encodeLinks(List<SpanLink> links, String what) {
    if (links == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (int i = 0; i < links.size(); i++) {
        SpanLink l = links.get(i);
        g.writeStartObject();
        g.writeStringField("trace_id", l.traceId());
        g.writeStringField("span_id", l.spanId());
        g.writeStringField("trace_state", l.traceState());
        writeAttributes(g, l.attributes(), what + ".links[" + i + "]");
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeAttributes(JsonGenerator g, Map<String, Object> attributes, String what)
      throws IOException {
    g.writeFieldName("attributes");
    if (attributes == null) {
      g.writeNull();
    } else {
      AttributeJson.writeMap(g, attributes, what);
    }
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
