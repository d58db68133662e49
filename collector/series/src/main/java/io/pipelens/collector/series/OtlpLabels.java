package io.pipelens.collector.series;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Label sets of OTLP data points: attributes with sanitised names (values of keys that collide
 * after sanitising joined with {@code ;} in the order of the original keys), {@code job} and
 * {@code instance} from the resource, {@code otel_scope_name}/{@code otel_scope_version}.
 */
final class OtlpLabels {

  static final Set<String> IDENTIFYING = Set.of("service.name", "service.namespace", "service.instance.id");

  private OtlpLabels() {}

  /** {@code service.namespace/service.name}, or {@code service.name} alone. */
  static String job(Map<String, Object> resource, String serviceName) {
    String name = resource == null ? "" : AttributeText.of(resource.get("service.name"));
    if (name.isEmpty()) {
      name = serviceName == null ? "" : serviceName;
    }
    String ns = resource == null ? "" : AttributeText.of(resource.get("service.namespace"));
    return ns.isEmpty() ? name : ns + "/" + name;
  }

  static String instance(Map<String, Object> resource) {
    return resource == null ? "" : AttributeText.of(resource.get("service.instance.id"));
  }

  /** Sanitised attributes; reserved names ({@code __name__}, {@code job}, ...) are the caller's. */
  static TreeMap<String, String> attributes(Map<String, Object> attributes, Set<String> skipKeys) {
    TreeMap<String, String> out = new TreeMap<>();
    if (attributes == null) {
      return out;
    }
    // Iterate original keys in lexicographical order so collisions join in that order.
    new TreeMap<>(attributes).forEach((key, value) -> {
      if (skipKeys.contains(key)) {
        return;
      }
      String name = PrometheusNames.labelName(key);
      if (name.equals(Labels.NAME)) {
        name = "key" + name;
      }
      String text = AttributeText.of(value);
      out.merge(name, text, (a, b) -> a + ";" + b);
    });
    return out;
  }

  static Labels series(String metricName, Map<String, Object> attributes, Map<String, Object> resource,
      String serviceName, String scopeName, String scopeVersion) {
    TreeMap<String, String> m = attributes(attributes, Set.of());
    m.put("job", job(resource, serviceName));
    m.put("instance", instance(resource));
    m.put("otel_scope_name", scopeName == null ? "" : scopeName);
    m.put("otel_scope_version", scopeVersion == null ? "" : scopeVersion);
    m.put(Labels.NAME, metricName);
    return new Labels(m);
  }
}
