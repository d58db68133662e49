package io.pipelens.drift.reference;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.FeatureType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference a model's windows are compared with: one bounded-size profile per feature.
 * Immutable and serialisable to JSON; replace it by building a new one (from a dataset or from a
 * window's samples).
 *
 * @param rows rows of the source data
 * @param source where it came from (file name, "window 17", ...), for reports
 */
public record ReferenceProfile(long rows, String source, Map<String, FeatureProfile> features, ProfileOptions options) {

  public ReferenceProfile {
    features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
  }

  /**
   * Profiles the given columns (all when empty). Type rule: numeric when every non-missing value
   * is a number and there are more than {@code maxNumericCategories} distinct values.
   *
   * @throws IllegalArgumentException naming a requested column that is absent
   */
  public static ReferenceProfile of(Dataset data, List<String> columns, ProfileOptions options, String source) {
    List<String> names = columns.isEmpty() ? data.columnNames() : columns;
    Map<String, FeatureProfile> out = new LinkedHashMap<>();
    for (String name : names) {
      Column c = data.column(name).orElseThrow(
          () -> new IllegalArgumentException("column '" + name + "' is not in the reference data"));
      out.put(name, profile(c, options));
    }
    return new ReferenceProfile(data.rows(), source, out, options);
  }

  static FeatureProfile profile(Column c, ProfileOptions options) {
    long missing = c.missing();
    if (c.numeric()) {
      double[] sorted = c.sortedNumbers();
      if (sorted.length > 0) {
        NumericProfile p = NumericProfile.ofSorted(sorted, options.bins(), options.rawLimit());
        if (p.distinct() > options.maxNumericCategories()) {
          return new FeatureProfile(c.name(), FeatureType.NUMERIC, missing, p, null);
        }
      }
    }
    Map<String, Long> counts = c.categoryCounts();
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    return new FeatureProfile(c.name(), FeatureType.CATEGORICAL, missing, null, new CategoricalProfile(n, counts));
  }
}
