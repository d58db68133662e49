package io.pipelens.drift.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.ColumnValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes and validates the sample wire format (docs/drift.md, "Sample wire format"). Every
 * problem is a {@link SampleFormatException} naming the field, column and row. Thread-safe.
 */
public final class SampleBatchParser {
  /** Event name of OTLP log records that carry a sample batch as their string body. */
  public static final String EVENT_NAME = "pipelens.model.samples";

  // FastDoubleParser (bundled with jackson-core): decoding the numbers is most of a batch's cost
  private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory
      .builder().enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  private static final Set<String> KNOWN = Set.of(
      "model", "version", "timestamp_unix_nano", "trace_id", "columns", "prediction", "label", "trace_ids", "batch_id");

  private SampleBatchParser() {}

  public static SampleBatch parse(byte[] body) {
    return parseTree(read(body));
  }

  public static SampleBatch parse(String body) {
    return parseTree(read(body));
  }

  /**
   * Decodes an OTLP/JSON log record (an element of {@code logRecords}) whose event name is
   * {@value #EVENT_NAME} ({@code eventName} field, or an {@code event.name} attribute) and whose
   * body is {@code {"stringValue": "<sample JSON>"}}. The record's traceId and timeUnixNano fill
   * trace_id and timestamp_unix_nano when the body has none.
   */
  public static SampleBatch parseOtlpLogRecord(JsonNode logRecord) {
    if (!isSampleEvent(logRecord)) {
      throw new SampleFormatException("log record is not a '" + EVENT_NAME + "' event");
    }
    JsonNode body = logRecord.path("body").path("stringValue");
    if (!body.isTextual()) {
      throw new SampleFormatException(
          "'" + EVENT_NAME + "' log record body must be a string holding the sample JSON object");
    }
    JsonNode tree = read(body.asText());
    if (tree instanceof ObjectNode obj) {
      String traceId = logRecord.path("traceId").asText("");
      if (!obj.has("trace_id") && !traceId.isEmpty() && !traceId.matches("0+")) {
        obj.put("trace_id", traceId);
      }
      String time = logRecord.path("timeUnixNano").asText("");
      if (!obj.has("timestamp_unix_nano") && !time.isEmpty() && !time.equals("0")) {
        obj.put("timestamp_unix_nano", time);
      }
    }
    return parseTree(tree);
  }

  /** True when an OTLP/JSON log record carries the {@value #EVENT_NAME} event. */
  public static boolean isSampleEvent(JsonNode logRecord) {
    if (EVENT_NAME.equals(logRecord.path("eventName").asText(null))) {
      return true;
    }
    for (JsonNode a : logRecord.path("attributes")) {
      if ("event.name".equals(a.path("key").asText())
          && EVENT_NAME.equals(a.path("value").path("stringValue").asText(null))) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode read(Object body) {
    try {
      return body instanceof byte[] b ? JSON.readTree(b) : JSON.readTree((String) body);
    } catch (JsonProcessingException e) {
      throw new SampleFormatException("body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SampleFormatException("body could not be read: " + e.getMessage());
    }
  }

  private static SampleBatch parseTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new SampleFormatException("body must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!KNOWN.contains(f)) {
        throw new SampleFormatException("unknown field '" + f + "', expected one of " + KNOWN);
      }
    }
    String model = requiredName(root, "model");
    String version = requiredName(root, "version");
    Long timestamp = timestamp(root.get("timestamp_unix_nano"));
    String traceId = traceId(root.get("trace_id"), "trace_id");
    String batchId = batchId(root.get("batch_id"));

    JsonNode cols = root.get("columns");
    if (cols == null || !cols.isObject() || cols.isEmpty()) {
      throw new SampleFormatException("'columns' must be an object with at least one column");
    }
    int rows = -1;
    Map<String, Column> columns = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = cols.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().isEmpty()) {
        throw new SampleFormatException("columns: a column name must not be empty");
      }
      rows = checkLength("columns." + e.getKey(), e.getValue(), rows);
      columns.put(e.getKey(), column("columns." + e.getKey(), e.getKey(), e.getValue()));
    }
    Column prediction = optionalColumn(root, "prediction", rows);
    Column label = optionalColumn(root, "label", rows);
    List<String> traceIds = null;
    JsonNode ids = root.get("trace_ids");
    if (ids != null && !ids.isNull()) {
      checkLength("trace_ids", ids, rows);
      List<String> list = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        list.add(traceId(ids.get(i), "trace_ids[" + i + "]"));
      }
      traceIds = Collections.unmodifiableList(list);
    }
    return new SampleBatch(model, version, timestamp, traceId,
        Collections.unmodifiableMap(columns), prediction, label, traceIds, rows, batchId);
  }

  private static final Pattern BATCH_ID = Pattern.compile("[0-9A-Za-z_.:-]{1,128}");

  private static String batchId(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || !BATCH_ID.matcher(node.asText()).matches()) {
      throw new SampleFormatException(
          "'batch_id' must be a string of 1-128 letters, digits or _.:- characters");
    }
    return node.asText();
  }

  private static Column optionalColumn(JsonNode root, String field, int rows) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    checkLength(field, n, rows);
    return column(field, field, n);
  }

  private static int checkLength(String path, JsonNode n, int rows) {
    if (!n.isArray()) {
      throw new SampleFormatException(path + ": expected an array of values, got " + kind(n));
    }
    if (n.isEmpty()) {
      throw new SampleFormatException(path + ": expected at least one row, got an empty array");
    }
    if (rows >= 0 && n.size() != rows) {
      throw new SampleFormatException(
          path + ": has " + n.size() + " rows, expected " + rows + " like the first column");
    }
    return n.size();
  }

  private static Column column(String path, String name, JsonNode array) {
    ColumnValues values = new ColumnValues(name);
    for (int i = 0; i < array.size(); i++) {
      JsonNode v = array.get(i);
      if (v.isNull()) {
        values.addMissing();
      } else if (v.isNumber()) {
        values.addNumber(v.asDouble());
      } else if (v.isTextual()) {
        values.addText(v.asText());
      } else {
        throw new SampleFormatException(
            path + "[" + i + "]: expected a number, string or null, got " + kind(v));
      }
    }
    return values.build();
  }

  private static String requiredName(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw new SampleFormatException("'" + field + "' is required");
    }
    if (!(n.isTextual() || n.isIntegralNumber()) || n.asText().isBlank()) {
      throw new SampleFormatException("'" + field + "' must be a non-empty string, got " + kind(n));
    }
    return n.asText();
  }

  private static Long timestamp(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String text = n.isIntegralNumber() ? n.asText() : n.isTextual() ? n.asText() : null;
    if (text == null || !DIGITS.matcher(text).matches()) {
      throw new SampleFormatException(
          "'timestamp_unix_nano' must be a decimal string of nanoseconds since the Unix epoch, got " + n);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new SampleFormatException("'timestamp_unix_nano' is out of range: " + text);
    }
  }

  private static String traceId(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || !TRACE_ID.matcher(n.asText()).matches() || n.asText().matches("0+")) {
      throw new SampleFormatException(
          path + ": expected 32 hex digits (not all zero), got " + n);
    }
    return n.asText().toLowerCase(java.util.Locale.ROOT);
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case BOOLEAN -> "boolean";
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case NULL, MISSING -> "null";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
