package io.pipelens.collector.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP AnyValue to the plain Java values the store model uses: String, Boolean, Long, Double,
 * byte[], List and Map (insertion order kept); an empty AnyValue becomes {@code null}.
 */
public final class AnyValues {
  private AnyValues() {}

  public static Object toJava(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue v : value.getArrayValue().getValuesList()) {
          list.add(toJava(v));
        }
        yield Collections.unmodifiableList(list);
      }
      case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
      case VALUE_NOT_SET -> null;
    };
  }

  /** Key/value pairs as an insertion-ordered map; a repeated key keeps its last value. */
  public static Map<String, Object> attributes(List<KeyValue> pairs) {
    if (pairs.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : pairs) {
      map.put(kv.getKey(), toJava(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
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
