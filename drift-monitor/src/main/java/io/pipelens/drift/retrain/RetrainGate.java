package io.pipelens.drift.retrain;

import io.pipelens.drift.config.RetrainPolicy;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.window.WindowVerdict;

/**
 * Decides, window by window, whether a model version's drift triggers retraining under a {@link
 * RetrainPolicy}. Pure: the caller keeps the {@link Streak} per version and the time of the
 * model's last trigger.
 */
public final class RetrainGate {
  private final RetrainPolicy policy;

  public RetrainGate(RetrainPolicy policy) {
    this.policy = policy;
  }

  /**
   * Consecutive windows of one version that met the trigger condition, and their rows.
   */
  public record Streak(int windows, long rows) {
    public static final Streak NONE = new Streak(0, 0);
  }

  /**
   * @param streak the version's streak after this window
   * @param fire retrain now
   * @param why what met the condition ({@code dataset_drift} and/or {@code features [..]}), or
   *     why it held back ({@code cooldown}, {@code min_samples}, {@code consecutive_windows}),
   *     empty when the window did not meet the condition
   */
  public record Decision(Streak streak, boolean fire, String why) {}

  /**
   * @param lastTriggerUnixMs the model's last trigger, or a negative number for never
   */
  public Decision observe(Streak streak, WindowVerdict v, long lastTriggerUnixMs, long nowUnixMs) {
    if (!v.sufficient() || v.report() == null) {
      return new Decision(streak, false, "");
    }
    String cause = cause(v);
    if (cause.isEmpty()) {
      return new Decision(Streak.NONE, false, "");
    }
    Streak next = new Streak(streak.windows() + 1, streak.rows() + v.rows());
    if (next.windows() < policy.consecutiveWindows()) {
      return new Decision(next, false, "consecutive_windows");
    }
    if (next.rows() < policy.minSamples()) {
      return new Decision(next, false, "min_samples");
    }
    if (lastTriggerUnixMs >= 0 && nowUnixMs - lastTriggerUnixMs < policy.cooldown().toMillis()) {
      return new Decision(next, false, "cooldown");
    }
    return new Decision(next, true, cause);
  }

  private String cause(WindowVerdict v) {
    StringBuilder why = new StringBuilder();
    if (policy.onDataset() && v.report().datasetDrift()) {
      why.append("dataset_drift");
    }
    StringBuilder features = new StringBuilder();
    for (FeatureDrift f : v.report().features()) {
      if (f.drifted() && policy.features().contains(f.feature())) {
        features.append(features.length() == 0 ? "" : ",").append(f.feature());
      }
    }
    if (features.length() > 0) {
      why.append(why.length() == 0 ? "" : " ").append("features [").append(features).append(']');
    }
    return why.toString();
  }
}
