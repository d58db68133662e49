package io.pipelens.collector.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.collector.store.LogRecordData;
import io.pipelens.drift.samples.SampleBatch;
import io.pipelens.drift.samples.SampleBatchParser;
import io.pipelens.drift.samples.SampleFormatException;
import java.util.Map;

/**
 * Sample batches sent as OTLP log records (any OTLP transport): event name {@value
 * SampleBatchParser#EVENT_NAME} (the record's event name or an {@code event.name} attribute),
 * body the sample wire-format object, as a JSON string or as a key-value map. The record's trace
 * id and time fill {@code trace_id} and {@code timestamp_unix_nano} when the object has none.
 */
final class DriftLogSamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DriftLogSamples() {}

  static boolean isSampleEvent(LogRecordData r) {
    return SampleBatchParser.EVENT_NAME.equals(r.eventName())
        || (r.attributes() != null
            && SampleBatchParser.EVENT_NAME.equals(r.attributes().get("event.name")));
  }

  /** @throws SampleFormatException naming what is wrong */
  static SampleBatch parse(LogRecordData r) {
    JsonNode tree;
    if (r.body() instanceof String s) {
      try {
        tree = JSON.readTree(s);
      } catch (JsonProcessingException e) {
        throw new SampleFormatException("log record body is not valid JSON: " + e.getOriginalMessage());
      }
    } else if (r.body() instanceof Map<?, ?> m) {
      tree = JSON.valueToTree(m);
    } else {
      throw new SampleFormatException("'" + SampleBatchParser.EVENT_NAME + "' log record body must "
          + "be the sample JSON object, as a string or a key-value map");
    }
    if (tree instanceof ObjectNode o) {
      if (!o.has("trace_id") && r.traceId() != null && !r.traceId().isEmpty()) {
        o.put("trace_id", r.traceId());
      }
      long time = r.timeEpochNanos() > 0 ? r.timeEpochNanos() : r.observedEpochNanos();
      if (!o.has("timestamp_unix_nano") && time > 0) {
        o.put("timestamp_unix_nano", Long.toString(time));
      }
    }
    return SampleBatchParser.parse(tree.toString());
  }
}
