package io.pipelens.drift.method;

import java.util.Map;

/**
 * Drift settings of one monitored model.
 *
 * @param defaults method/threshold for every feature unless overridden (AUTO by default)
 * @param features per-feature overrides, by column name
 * @param driftShare dataset drift when drifted features / evaluated features &gt;= this (0.5)
 * @param largeReferenceRows above this many reference rows auto selection switches from tests
 *     (KS, chi-square, Z) to distances (normed Wasserstein, Jensen–Shannon) (1000)
 * @param maxNumericCategories a numeric feature with at most this many distinct reference values
 *     is treated as categorical (5)
 */
public record DriftConfig(
    MethodChoice defaults,
    Map<String, MethodChoice> features,
    double driftShare,
    int largeReferenceRows,
    int maxNumericCategories) {

  public static final DriftConfig DEFAULTS = new DriftConfig(MethodChoice.AUTO, Map.of(), 0.5, 1000, 5);

  public DriftConfig {
    defaults = defaults == null ? MethodChoice.AUTO : defaults;
    features = features == null ? Map.of() : Map.copyOf(features);
    if (!(driftShare > 0 && driftShare <= 1)) {
      throw new IllegalArgumentException("driftShare must be in (0, 1], got " + driftShare);
    }
    if (largeReferenceRows < 0 || maxNumericCategories < 0) {
      throw new IllegalArgumentException("largeReferenceRows and maxNumericCategories must be >= 0");
    }
  }

  public MethodChoice choiceFor(String feature) {
    return features.getOrDefault(feature, MethodChoice.AUTO).orElse(defaults);
  }

  public DriftConfig withDefaults(MethodChoice choice) {
    return new DriftConfig(choice, features, driftShare, largeReferenceRows, maxNumericCategories);
  }

  public DriftConfig withDriftShare(double share) {
    return new DriftConfig(defaults, features, share, largeReferenceRows, maxNumericCategories);
  }
}
