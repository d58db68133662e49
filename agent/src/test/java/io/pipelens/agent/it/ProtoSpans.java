package io.pipelens.agent.it;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads OTLP protobuf spans the way the assertions need them. */
final class ProtoSpans {

  private ProtoSpans() {}

  static String hex(ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }

  static Optional<AnyValue> attribute(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue).findFirst();
  }

  static String string(List<KeyValue> attributes, String key) {
    return attribute(attributes, key).map(AnyValue::getStringValue).orElse(null);
  }

  static Span.Event event(Span span, String name) {
    return span.getEventsList().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no '" + name + "' event on " + span));
  }

  static List<Span> named(List<Span> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).toList();
  }
}
