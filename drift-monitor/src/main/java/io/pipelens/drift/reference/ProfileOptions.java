package io.pipelens.drift.reference;

/**
 * How references are summarised.
 *
 * @param bins quantile bins per numeric feature (default 2000)
 * @param rawLimit numeric references with at most this many values keep them raw for exact
 *     comparisons (default 5000); windows keep this many raw values too
 * @param maxNumericCategories numeric features with at most this many distinct reference values
 *     are profiled as categorical (default 5, Evidently's rule)
 */
public record ProfileOptions(int bins, int rawLimit, int maxNumericCategories) {
  public static final ProfileOptions DEFAULTS = new ProfileOptions(2000, 5000, 5);

  public ProfileOptions {
    if (bins < 1 || rawLimit < 0 || maxNumericCategories < 0) {
      throw new IllegalArgumentException(
          "invalid profile options: bins >= 1, rawLimit >= 0, maxNumericCategories >= 0 required");
    }
  }
}
