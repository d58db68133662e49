package io.pipelens.drift.method;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The drift statistics. A p-value method reports drift when p &lt; threshold; a distance method
 * when distance &gt;= threshold. Default thresholds follow Evidently.
 */
public enum DriftMethod {
  KS("ks", true, 0.05, true, false),
  WASSERSTEIN("wasserstein", false, 0.1, true, false),
  PSI("psi", false, 0.1, true, true),
  JENSEN_SHANNON("jensenshannon", false, 0.1, true, true),
  HELLINGER("hellinger", false, 0.1, true, true),
  CHI_SQUARE("chisquare", true, 0.05, false, true),
  Z_TEST("z", true, 0.05, false, true);

  private final String id;
  private final boolean pValue;
  private final double defaultThreshold;
  private final boolean numeric;
  private final boolean categorical;

  DriftMethod(String id, boolean pValue, double threshold, boolean numeric, boolean categorical) {
    this.id = id;
    this.pValue = pValue;
    this.defaultThreshold = threshold;
    this.numeric = numeric;
    this.categorical = categorical;
  }

  /** The name used in configuration, the CLI, reports and JSON. */
  @JsonValue
  public String id() {
    return id;
  }

  public boolean isPValue() {
    return pValue;
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  public boolean supports(FeatureType type) {
    return type == FeatureType.NUMERIC ? numeric : categorical;
  }

  /** Whether {@code score} (p-value or distance) means drift at {@code threshold}. */
  public boolean drifted(double score, double threshold) {
    return pValue ? score < threshold : score >= threshold;
  }

  /** Parses an id (case-insensitive; "js" and "jensen_shannon" also accepted). */
  @JsonCreator
  public static DriftMethod parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "_");
    if (t.equals("js") || t.equals("jensen_shannon")) {
      return JENSEN_SHANNON;
    }
    if (t.equals("chi2") || t.equals("chi_square")) {
      return CHI_SQUARE;
    }
    if (t.equals("ztest") || t.equals("z_test")) {
      return Z_TEST;
    }
    for (DriftMethod m : values()) {
      if (m.id.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown drift method '" + text + "', expected one of "
            + Arrays.stream(values()).map(DriftMethod::id).collect(Collectors.joining(", ")));
  }
}
