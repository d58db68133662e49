package io.pipelens.drift.method;

/**
 * A method and/or threshold override; either may be null (null method = automatic selection,
 * null threshold = the method's default).
 */
public record MethodChoice(DriftMethod method, Double threshold) {
  public static final MethodChoice AUTO = new MethodChoice(null, null);

  public MethodChoice {
    if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
      throw new IllegalArgumentException("threshold must be a finite number >= 0, got " + threshold);
    }
  }

  /** This choice with fields it leaves open taken from {@code fallback}. */
  public MethodChoice orElse(MethodChoice fallback) {
    return new MethodChoice(
        method != null ? method : fallback.method(),
        threshold != null ? threshold : fallback.threshold());
  }
}
