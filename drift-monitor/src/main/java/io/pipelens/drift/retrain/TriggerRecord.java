package io.pipelens.drift.retrain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of the trigger audit log: one action of one trigger.
 *
 * @param time ISO-8601 UTC of the trigger
 * @param outcome {@code success}, {@code failure} or {@code timeout}
 * @param reason the statistics ({@link DriftReason})
 * @param traceId the trace of the trigger's span, which the retraining run joins
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerRecord(
    String triggerId, String time, long timeUnixMs, String model, String version, String action,
    String outcome, Integer exitCode, int attempts, String detail, String stdoutTail,
    String stderrTail, String newVersion, String traceId, ObjectNode reason) {

  public static TriggerRecord of(RetrainEvent e, String action, ActionResult r) {
    return new TriggerRecord(e.triggerId(), java.time.Instant.ofEpochMilli(e.timeUnixMs()).toString(),
        e.timeUnixMs(), e.model(), e.version(), action, r.outcome(), r.exitCode(), r.attempts(),
        r.detail(), r.stdoutTail(), r.stderrTail(), r.newVersion(), e.traceId(), e.reason());
  }
}
