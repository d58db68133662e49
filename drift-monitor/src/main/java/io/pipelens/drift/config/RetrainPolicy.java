package io.pipelens.drift.config;

import java.time.Duration;
import java.util.List;

/**
 * When a model's drift triggers retraining, and what runs then.
 *
 * @param onDataset trigger on a window's dataset drift (drifted share &gt;= drift_share)
 * @param features trigger when any of these features drifted (empty = none); with onDataset
 *     either condition counts
 * @param consecutiveWindows the condition must hold for this many consecutive sufficient windows
 *     of one version (a window without the condition restarts the count)
 * @param minSamples the rows of those consecutive windows must add up to at least this many
 * @param cooldown no new trigger of the model for this long after one (whatever its outcome)
 * @param actions run in order for every trigger, each recorded in the audit log
 */
public record RetrainPolicy(
    boolean onDataset, List<String> features, int consecutiveWindows, long minSamples,
    Duration cooldown, List<ActionSpec> actions) {

  public RetrainPolicy {
    features = List.copyOf(features);
    actions = List.copyOf(actions);
  }
}
