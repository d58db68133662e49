package io.pipelens.drift.reference;

import java.util.Map;

/** Category counts of a categorical reference feature (exact: counts are sufficient). */
public record CategoricalProfile(long count, Map<String, Long> counts) {
  public CategoricalProfile {
    counts = Map.copyOf(counts);
  }
}
