package io.pipelens.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A trace as {@code GET /api/traces/{id}} returns it, with lookups for the assertions. */
record TraceView(String traceId, List<SpanView> spans) {
  private static final ObjectMapper JSON = new ObjectMapper();

  record SpanView(String spanId, String parentSpanId, String name, String kind, String service,
      String language, String status, JsonNode attributes, JsonNode events) {}

  static TraceView parse(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      List<SpanView> spans = new ArrayList<>();
      for (JsonNode s : root.path("spans")) {
        spans.add(new SpanView(s.path("spanId").asText(), s.path("parentSpanId").asText(),
            s.path("name").asText(), s.path("kind").asText(), s.path("service").asText(),
            s.path("language").asText(), s.path("status").path("code").asText(),
            s.path("attributes"), s.path("events")));
      }
      return new TraceView(root.path("traceId").asText(), spans);
    } catch (IOException e) {
      throw new UncheckedIOException("not a trace: " + body, e);
    }
  }

  Optional<SpanView> find(Predicate<SpanView> test) {
    return spans.stream().filter(test).findFirst();
  }

  SpanView one(String service, String name) {
    List<SpanView> found = spans.stream()
        .filter(s -> s.service().equals(service) && s.name().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one span '" + name + "' of " + service + ", found "
          + found.size() + " in " + summary());
    }
    return found.get(0);
  }

  Optional<SpanView> parent(SpanView span) {
    return find(s -> s.spanId().equals(span.parentSpanId()));
  }

  /** Names of the span's ancestors, nearest first, as {@code service:name}. */
  List<String> ancestors(SpanView span) {
    List<String> out = new ArrayList<>();
    Optional<SpanView> p = parent(span);
    while (p.isPresent() && out.size() < 50) {
      out.add(p.get().service() + ":" + p.get().name());
      p = parent(p.get());
    }
    return out;
  }

  Map<String, Long> spansPerService() {
    Map<String, Long> out = new LinkedHashMap<>();
    spans.forEach(s -> out.merge(s.service(), 1L, Long::sum));
    return out;
  }

  String summary() {
    StringBuilder b = new StringBuilder();
    for (SpanView s : spans) {
      b.append("\n  ").append(s.service()).append('/').append(s.language()).append(' ')
          .append(s.kind()).append(" '").append(s.name()).append("' ").append(s.spanId())
          .append(" <- ").append(s.parentSpanId().isEmpty() ? "(root)" : s.parentSpanId())
          .append(' ').append(s.status());
    }
    return b.toString();
  }
}
