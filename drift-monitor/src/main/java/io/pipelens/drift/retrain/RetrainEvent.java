package io.pipelens.drift.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One retraining trigger, as handed to every action.
 *
 * @param triggerId unique id of this trigger (UUID), shared by its audit records
 * @param timeUnixMs when the trigger fired
 * @param reason the statistics that fired it ({@link DriftReason}), a JSON object
 * @param traceparent W3C trace context of the span the collector recorded for this trigger
 *     ({@code 00-<trace id>-<span id>-01}); the retraining run continues that trace
 */
public record RetrainEvent(
    String triggerId, String model, String version, long timeUnixMs, ObjectNode reason,
    String traceparent) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The trace id inside {@link #traceparent}. */
  public String traceId() {
    return traceparent.split("-")[1];
  }

  /** The JSON body webhooks and AMQP messages carry. */
  public byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("triggerId", triggerId).put("model", model).put("version", version)
        .put("time", java.time.Instant.ofEpochMilli(timeUnixMs).toString())
        .put("traceparent", traceparent).set("reason", reason);
    try {
      return JSON.writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
