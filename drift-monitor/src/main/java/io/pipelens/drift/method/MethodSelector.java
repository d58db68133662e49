package io.pipelens.drift.method;

/**
 * Evidently's automatic choice. Reference with at most {@code largeReferenceRows} rows: KS for
 * numeric, chi-square for categorical, Z-test when the feature is binary (at most two categories
 * across reference and current). Larger references: normed Wasserstein for numeric,
 * Jensen–Shannon for categorical. An explicit method must support the feature's type.
 */
public final class MethodSelector {
  private MethodSelector() {}

  /** The method and threshold for one feature. */
  public static Selection select(
      DriftConfig config, String feature, FeatureType type, long referenceRows, int categories) {
    MethodChoice choice = config.choiceFor(feature);
    DriftMethod method = choice.method();
    if (method == null) {
      boolean small = referenceRows <= config.largeReferenceRows();
      if (type == FeatureType.NUMERIC) {
        method = small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
      } else if (small) {
        method = categories <= 2 ? DriftMethod.Z_TEST : DriftMethod.CHI_SQUARE;
      } else {
        method = DriftMethod.JENSEN_SHANNON;
      }
    } else if (!method.supports(type)) {
      throw new IllegalArgumentException(
          "method '" + method.id() + "' cannot compare " + type.name().toLowerCase()
              + " feature '" + feature + "'");
    }
    double threshold = choice.threshold() != null ? choice.threshold() : method.defaultThreshold();
    return new Selection(method, threshold);
  }

  /** The chosen method and its threshold. */
  public record Selection(DriftMethod method, double threshold) {}
}
