package io.pipelens.drift.reference;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipelens.drift.method.FeatureType;

/** One reference feature: exactly one of numeric / categorical is set, matching type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureProfile(
    String name, FeatureType type, long missing, NumericProfile numeric, CategoricalProfile categorical) {

  public FeatureProfile {
    if ((type == FeatureType.NUMERIC) != (numeric != null) || (numeric == null) == (categorical == null)) {
      throw new IllegalArgumentException("feature '" + name + "': profile does not match type " + type);
    }
  }

  public long count() {
    return numeric != null ? numeric.count() : categorical.count();
  }
}
