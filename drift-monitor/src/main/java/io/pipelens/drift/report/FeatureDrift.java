package io.pipelens.drift.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;

/**
 * Drift verdict for one feature.
 *
 * @param statistic test statistic (KS D, chi-square, z) for p-value methods, the distance for
 *     distance methods
 * @param pValue the p-value, null for distance methods
 * @param threshold p-value methods drift when p &lt; threshold, distances when value &gt;= threshold
 * @param approximate true when computed from binned counts instead of raw values
 * @param errorBound for approximate results, an upper bound of |approximate - exact| of the
 *     statistic where one is known (binned Wasserstein), else null
 * @param note why a feature was skipped (then method is null and drifted false), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureDrift(
    String feature,
    FeatureType type,
    DriftMethod method,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NaNFilter.class) double statistic,
    Double pValue,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NaNFilter.class) double threshold,
    boolean drifted,
    long referenceRows,
    long currentRows,
    boolean approximate,
    Double errorBound,
    String note) {

  static FeatureDrift skipped(String feature, FeatureType type, long refRows, long curRows, String why) {
    return new FeatureDrift(feature, type, null, Double.NaN, null, Double.NaN, false, refRows, curRows, false, null, why);
  }

  public boolean evaluated() {
    return method != null;
  }

  /** The number compared with the threshold: the p-value or the distance. */
  public double score() {
    return pValue != null ? pValue : statistic;
  }
}
