package io.pipelens.collector.zipkin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pipelens.collector.ingest.RequestStrings;
import io.pipelens.collector.store.SpanRecord;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zipkin v2 JSON straight into {@link SpanRecord}s for the common shape of a span, without
 * zipkin2's {@code Span} objects: lower-case hex ids of 16 or 32 characters, string tags, a local
 * endpoint, no annotations and no remote endpoint. Anything else (and anything malformed) answers
 * null, and the caller decodes the whole body with zipkin2's decoder, whose behaviour, errors
 * included, stays the reference: this path normalises as it does (lower-case span and service
 * names, tags in key order, the last of repeated keys) and maps through the same {@link
 * ZipkinSpanConverter#record}. zipkin2's reader and the {@code Span} objects it builds were ~two
 * thirds of the event loops' CPU on Zipkin JSON; jackson-core, which the collector already has
 * through Vert.x and the YAML config, reads tokens without building a tree.
 */
final class ZipkinJsonFastPath {
  private static final JsonFactory JSON = new JsonFactory();

  private ZipkinJsonFastPath() {}

  /** The spans (all-zero ids dropped as the converter drops them), or null: use zipkin2. */
  static List<SpanRecord> decode(byte[] body, RequestStrings strings) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<SpanRecord> out = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        SpanRecord r = span(p, strings);
        if (r == null) {
          return null;
        }
        out.add(r);
      }
      if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
        return null;
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return null; // zipkin2 decodes it again and names the problem
    }
  }

  private static SpanRecord span(JsonParser p, RequestStrings strings) throws IOException {
    String traceId = null;
    String id = null;
    String parentId = null;
    String name = null;
    int kind = 0;
    long timestamp = 0;
    long duration = 0;
    boolean shared = false;
    String service = null;
    List<Map.Entry<String, String>> tags = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "traceId" -> {
          traceId = v == JsonToken.VALUE_STRING ? p.getText() : null;
          if (traceId == null || !hex(traceId, 16) && !hex(traceId, 32)
              || ZipkinSpanConverter.allZeros(traceId)) {
            return null;
          }
        }
        case "id" -> {
          id = v == JsonToken.VALUE_STRING ? p.getText() : null;
          if (id == null || !hex(id, 16) || ZipkinSpanConverter.allZeros(id)) {
            return null;
          }
        }
        case "parentId" -> {
          parentId = v == JsonToken.VALUE_STRING ? p.getText() : null;
          if (parentId == null || !hex(parentId, 16) || ZipkinSpanConverter.allZeros(parentId)) {
            return null;
          }
        }
        case "name" -> {
          if (v != JsonToken.VALUE_STRING) {
            return null;
          }
          String n = p.getText();
          name = n.isEmpty() ? null : n.toLowerCase(Locale.ROOT);
        }
        case "kind" -> {
          if (v != JsonToken.VALUE_STRING) {
            return null;
          }
          switch (p.getText()) {
            case "SERVER" -> kind = 2;
            case "CLIENT" -> kind = 3;
            case "PRODUCER" -> kind = 4;
            case "CONSUMER" -> kind = 5;
            default -> {
              return null;
            }
          }
        }
        case "timestamp", "duration" -> {
          if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
              && p.getNumberType() != JsonParser.NumberType.LONG || p.getLongValue() < 0) {
            return null;
          }
          if (field.equals("timestamp")) {
            timestamp = p.getLongValue();
          } else {
            duration = p.getLongValue();
          }
        }
        case "debug", "shared" -> {
          if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
            return null;
          }
          if (field.equals("shared")) {
            shared = v == JsonToken.VALUE_TRUE;
          }
        }
        case "localEndpoint" -> {
          if (v != JsonToken.START_OBJECT) {
            return null;
          }
          service = localService(p);
          if (service == UNUSABLE) {
            return null;
          }
        }
        case "tags" -> {
          tags = tags(p);
          if (tags == null) {
            return null;
          }
        }
        case "annotations" -> {
          if (v != JsonToken.START_ARRAY || p.nextToken() != JsonToken.END_ARRAY) {
            return null; // annotations: zipkin2 sorts and checks them
          }
        }
        default -> {
          return null; // remoteEndpoint and anything unexpected
        }
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || traceId == null || id == null) {
      return null;
    }
    return ZipkinSpanConverter.record(traceId, id, parentId, kind, name, timestamp, duration,
        shared, service, null, tags, List.of(), strings);
  }

  private static final String UNUSABLE = new String("unusable");

  /** The local endpoint's service name, lower-cased (null when none), or UNUSABLE. */
  private static String localService(JsonParser p) throws IOException {
    String service = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("serviceName") && v == JsonToken.VALUE_STRING) {
        String s = p.getText();
        service = s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
      } else if (v != JsonToken.VALUE_NULL) {
        return UNUSABLE; // addresses and ports: zipkin2 parses and checks them
      }
    }
    return service;
  }

  /** String tags sorted by key, the last of repeated keys kept, or null: use zipkin2. */
  private static List<Map.Entry<String, String>> tags(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return null;
    }
    List<Map.Entry<String, String>> tags = new ArrayList<>(12);
    boolean sorted = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      if (!tags.isEmpty() && tags.get(tags.size() - 1).getKey().compareTo(key) >= 0) {
        sorted = false;
      }
      tags.add(new AbstractMap.SimpleImmutableEntry<>(key, p.getText()));
    }
    if (!sorted) {
      tags.sort(Map.Entry.comparingByKey(Comparator.naturalOrder())); // stable: last repeat last
      List<Map.Entry<String, String>> unique = new ArrayList<>(tags.size());
      for (Map.Entry<String, String> e : tags) {
        if (!unique.isEmpty() && unique.get(unique.size() - 1).getKey().equals(e.getKey())) {
          unique.set(unique.size() - 1, e);
        } else {
          unique.add(e);
        }
      }
      tags = unique;
    }
    return tags;
  }

  /** {@code length} lower-case hex characters. */
  private static boolean hex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
