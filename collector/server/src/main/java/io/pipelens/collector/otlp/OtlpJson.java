package io.pipelens.collector.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.pipelens.collector.ingest.IngestError;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * OTLP/JSON: the protobuf JSON mapping with the OTLP differences — trace and span ids are hex, not
 * base64; enums may be integers; unknown fields are ignored. Nesting is capped at {@link
 * #MAX_DEPTH} so deeply nested input is refused with a message instead of exhausting the stack.
 */
public final class OtlpJson {
  /** Deepest JSON nesting accepted (objects plus arrays). */
  public static final int MAX_DEPTH = 100;

  private static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
  private static final byte[] INVALID_ID = {0};
  private static final ObjectMapper MAPPER =
JsonMapper.builder().build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
  }

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpJson() {}

  /** Parses OTLP/JSON into {@code builder}; MALFORMED with the parser's reason on bad input. */
  public static void merge(byte[] json, Message.Builder builder) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw malformed("the body must be a JSON object");
    }
    rewriteIds(tree);
    try {
      PARSER.merge(tree.toString(), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw malformed(e.getMessage());
    }
  }

  public static byte[] print(Message message) {
    try {
      return PRINTER.print(message).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getDescriptorForType(), e);
    }
  }

  /** Replaces hex ids by base64 so the protobuf JSON parser reads them as bytes. */
  private static void rewriteIds(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      for (Map.Entry<String, JsonNode> field : obj.properties()) {
        JsonNode value = field.getValue();
        if (ID_FIELDS.contains(field.getKey()) && value.isTextual()) {
          byte[] bytes = Ids.parseHex(value.textValue());
          // Not hex: keep the item but make the id invalid, so validation rejects just this item.
          field.setValue(obj.textNode(Base64.getEncoder().encodeToString(
              bytes == null ? INVALID_ID : bytes)));
        } else {
          rewriteIds(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        rewriteIds(element);
      }
    }
  }

  private static IngestError malformed(String reason) {
    return new IngestError(IngestError.Kind.MALFORMED, "invalid OTLP/JSON: " + reason);
  }
}
