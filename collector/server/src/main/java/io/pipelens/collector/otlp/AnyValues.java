package io.pipelens.collector.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.pipelens.collector.ingest.CompactAttributes;
import io.pipelens.collector.ingest.RequestStrings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * OTLP AnyValue to the plain Java values the store model uses: String, Boolean, Long, Double,
 * byte[], List and Map (insertion order kept); an empty AnyValue becomes {@code null}.
 */
public final class AnyValues {
  private AnyValues() {}

  public static Object toJava(AnyValue value) {
    return toJava(value, null);
  }

  /** @param strings shares repeated strings within a request; null to keep every decoded one */
  static Object toJava(AnyValue value, RequestStrings strings) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> strings == null ? value.getStringValue() : strings.of(value.getStringValue());
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue v : value.getArrayValue().getValuesList()) {
          list.add(toJava(v, strings));
        }
        yield Collections.unmodifiableList(list);
      }
      case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList(), strings);
      case VALUE_NOT_SET -> null;
    };
  }

  /** Key/value pairs as an insertion-ordered map; a repeated key keeps its last value. */
  public static Map<String, Object> attributes(List<KeyValue> pairs) {
    return attributes(pairs, null);
  }

  /** As {@link #attributes(List)}, keys and string values shared through {@code strings} (may be null). */
  static Map<String, Object> attributes(List<KeyValue> pairs, RequestStrings strings) {
    if (pairs.isEmpty()) {
      return Map.of();
    }
    CompactAttributes.Builder map = CompactAttributes.builder(pairs.size());
    for (int i = 0, n = pairs.size(); i < n; i++) {
      KeyValue kv = pairs.get(i);
      map.put(strings == null ? kv.getKey() : strings.of(kv.getKey()), toJava(kv.getValue(), strings));
    }
    return map.build();
  }

  /** A resource attribute as a string, or "" when absent or not a string. */
  static String stringAttribute(Resource resource, String key) {
    for (KeyValue kv : resource.getAttributesList()) {
      if (kv.getKey().equals(key) && kv.getValue().hasStringValue()) {
        return kv.getValue().getStringValue();
      }
    }
    return "";
  }
}
