package io.pipelens.drift.report;

import java.util.List;

/**
 * Per-feature verdicts plus the dataset verdict: drift when drifted / evaluated features &gt;=
 * shareThreshold (skipped features count in neither).
 */
public record DriftReport(
    List<FeatureDrift> features,
    int evaluated,
    int drifted,
    double driftShare,
    double shareThreshold,
    boolean datasetDrift) {

  public static DriftReport of(List<FeatureDrift> features, double shareThreshold) {
    int evaluated = 0;
    int drifted = 0;
    for (FeatureDrift f : features) {
      if (f.evaluated()) {
        evaluated++;
        if (f.drifted()) {
          drifted++;
        }
      }
    }
    double share = evaluated == 0 ? 0.0 : (double) drifted / evaluated;
    return new DriftReport(
        List.copyOf(features), evaluated, drifted, share, shareThreshold,
        evaluated > 0 && share >= shareThreshold);
  }
}
