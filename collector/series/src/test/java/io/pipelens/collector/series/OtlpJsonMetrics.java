package io.pipelens.collector.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.collector.store.MetricPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader of OTLP/JSON metrics into {@link MetricPoint}s (the collector's real decoder
 * lives in collector/server); covers what the conformance example uses.
 */
final class OtlpJsonMetrics {

  private OtlpJsonMetrics() {}

  static List<MetricPoint> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<MetricPoint> out = new ArrayList<>();
    for (JsonNode rm : root.path("resourceMetrics")) {
      Map<String, Object> resource = attrs(rm.path("resource").path("attributes"));
      String service = String.valueOf(resource.getOrDefault("service.name", ""));
      for (JsonNode sm : rm.path("scopeMetrics")) {
        String scope = sm.path("scope").path("name").asText("");
        String version = sm.path("scope").path("version").asText("");
        for (JsonNode m : sm.path("metrics")) {
          for (String kind : List.of("gauge", "sum", "histogram", "exponentialHistogram", "summary")) {
            JsonNode data = m.path(kind);
            if (data.isMissingNode()) {
              continue;
            }
            MetricPoint.Type type = switch (kind) {
              case "gauge" -> MetricPoint.Type.GAUGE;
              case "sum" -> MetricPoint.Type.SUM;
              case "histogram" -> MetricPoint.Type.HISTOGRAM;
              case "exponentialHistogram" -> MetricPoint.Type.EXPONENTIAL_HISTOGRAM;
              default -> MetricPoint.Type.SUMMARY;
            };
            for (JsonNode dp : data.path("dataPoints")) {
              List<Double> bounds = new ArrayList<>();
              dp.path("explicitBounds").forEach(b -> bounds.add(b.asDouble()));
              List<Long> counts = new ArrayList<>();
              dp.path("bucketCounts").forEach(c -> counts.add(c.asLong()));
              double value = dp.has("asDouble") ? dp.path("asDouble").asDouble() : dp.path("asInt").asDouble(Double.NaN);
              out.add(new MetricPoint(m.path("name").asText(), m.path("description").asText(""), m.path("unit").asText(""),
                  type, data.path("isMonotonic").asBoolean(false), data.path("aggregationTemporality").asInt(0),
                  dp.path("startTimeUnixNano").asLong(0), dp.path("timeUnixNano").asLong(0), service, "", resource,
                  scope, version, attrs(dp.path("attributes")), value, dp.path("count").asLong(0),
                  dp.has("sum") ? dp.path("sum").asDouble() : Double.NaN, dp.path("min").asDouble(Double.NaN),
                  dp.path("max").asDouble(Double.NaN), dp.path("scale").asInt(0), bounds, counts, List.of(), List.of(),
                  dp.path("flags").asInt(0)));
            }
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> attrs(JsonNode list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonNode kv : list) {
      JsonNode v = kv.path("value");
      Object value = v.has("stringValue") ? v.path("stringValue").asText()
          : v.has("intValue") ? (Object) v.path("intValue").asLong()
          : v.has("doubleValue") ? (Object) v.path("doubleValue").asDouble()
          : v.has("boolValue") ? (Object) v.path("boolValue").asBoolean() : v.toString();
      out.put(kv.path("key").asText(), value);
    }
    return out;
  }
}
