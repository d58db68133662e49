package io.pipelens.example;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Java values to and from {@code google.protobuf.Struct}, the gRPC messages of the segmenter. */
final class Structs {
  private Structs() {}

  static Struct of(Map<String, ?> map) {
    Struct.Builder b = Struct.newBuilder();
    map.forEach((k, v) -> b.putFields(k, value(v)));
    return b.build();
  }

  static Value value(Object v) {
    if (v == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    } else if (v instanceof Number n) {
      return Value.newBuilder().setNumberValue(n.doubleValue()).build();
    } else if (v instanceof Boolean bool) {
      return Value.newBuilder().setBoolValue(bool).build();
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(String.valueOf(k), x));
      return Value.newBuilder().setStructValue(of(copy)).build();
    } else if (v instanceof Collection<?> c) {
      ListValue.Builder list = ListValue.newBuilder();
      c.forEach(x -> list.addValues(value(x)));
      return Value.newBuilder().setListValue(list).build();
    }
    return Value.newBuilder().setStringValue(String.valueOf(v)).build();
  }

  static Map<String, Object> toMap(Struct s) {
    Map<String, Object> out = new LinkedHashMap<>();
    s.getFieldsMap().forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  private static Object plain(Value v) {
    return switch (v.getKindCase()) {
      case NUMBER_VALUE -> v.getNumberValue();
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case STRUCT_VALUE -> toMap(v.getStructValue());
      case LIST_VALUE -> v.getListValue().getValuesList().stream().map(Structs::plain).toList();
      default -> null;
    };
  }
}
