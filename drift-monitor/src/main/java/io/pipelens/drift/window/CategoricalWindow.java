package io.pipelens.drift.window;

import java.util.HashMap;
import java.util.Map;

/**
 * Category counts of one feature in a window. At most {@code maxCategories} distinct categories
 * are kept; further new categories are counted together under {@link #OTHER} (which is itself a
 * category the reference never has, so a flood of new values still shows up as drift). Not
 * thread-safe.
 */
final class CategoricalWindow {
  /** The bucket for categories beyond the limit. */
  static final String OTHER = "__other__";
  private final int maxCategories;
  private final Map<String, Long> counts = new HashMap<>();
  private long missing;

  CategoricalWindow(int maxCategories) {
    this.maxCategories = maxCategories;
  }

  static CategoricalWindow restore(int maxCategories, CategoricalWindowState s) {
    CategoricalWindow w = new CategoricalWindow(maxCategories);
    w.counts.putAll(s.counts());
    w.missing = s.missing();
    return w;
  }

  CategoricalWindowState state() {
    return new CategoricalWindowState(missing, Map.copyOf(counts));
  }

  void add(String key) {
    if (key == null) {
      missing++;
      return;
    }
    if (!counts.containsKey(key) && counts.size() >= maxCategories) {
      key = OTHER;
    }
    counts.merge(key, 1L, Long::sum);
  }

  Map<String, Long> counts() {
    return counts;
  }

  long count() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
