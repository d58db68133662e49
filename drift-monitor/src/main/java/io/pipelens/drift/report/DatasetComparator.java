package io.pipelens.drift.report;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodSelector;
import io.pipelens.drift.method.MethodSelector.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two in-memory datasets feature by feature with exact statistics. Missing values are
 * dropped before any statistic (their share is not itself a drift signal here).
 *
 * <p>Type rule: a column is numeric when every non-missing value on both sides is a number and
 * the reference has more than {@link DriftConfig#maxNumericCategories()} distinct values;
 * otherwise categorical. An explicit numeric-only method (ks, wasserstein) keeps a numeric column
 * numeric regardless of its distinct count.
 */
public final class DatasetComparator {
  private DatasetComparator() {}

  /**
   * @param columns the features to compare, or empty for every column present in both datasets
   * @throws IllegalArgumentException naming the column when a requested column is absent or a
   *     configured method does not fit a column
   */
  public static DriftReport compare(Dataset reference, Dataset current, DriftConfig config, List<String> columns) {
    List<String> names = columns.isEmpty() ? common(reference, current) : columns;
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the reference and current data have no column in common");
    }
    List<FeatureDrift> out = new ArrayList<>();
    for (String name : names) {
      Column r = reference.column(name).orElseThrow(
          () -> new IllegalArgumentException("column '" + name + "' is not in the reference data"));
      Column c = current.column(name).orElseThrow(
          () -> new IllegalArgumentException("column '" + name + "' is not in the current data"));
      out.add(compareColumn(name, r, c, config));
    }
    return DriftReport.of(out, config.driftShare());
  }

  static FeatureDrift compareColumn(String name, Column r, Column c, DriftConfig config) {
    boolean numbers = r.numeric() && c.numeric();
    if (numbers) {
      double[] ref = r.sortedNumbers();
      double[] cur = c.sortedNumbers();
      if (ref.length == 0 || cur.length == 0) {
        return FeatureDrift.skipped(name, FeatureType.NUMERIC, ref.length, cur.length,
            "no non-missing values in " + (ref.length == 0 ? "reference" : "current"));
      }
      DriftMethod explicit = config.choiceFor(name).method();
      boolean asNumeric = explicit != null
          ? explicit.supports(FeatureType.NUMERIC)
          : NumericDrift.distinct(ref) > config.maxNumericCategories();
      if (asNumeric) {
        Selection sel = MethodSelector.select(config, name, FeatureType.NUMERIC, ref.length, 0);
        return NumericDrift.compute(name, sel, ref, cur);
      }
    }
    Map<String, Long> rc = r.categoryCounts();
    Map<String, Long> cc = c.categoryCounts();
    long nr = rc.values().stream().mapToLong(Long::longValue).sum();
    long nc = cc.values().stream().mapToLong(Long::longValue).sum();
    if (nr == 0 || nc == 0) {
      return FeatureDrift.skipped(name, FeatureType.CATEGORICAL, nr, nc,
          "no non-missing values in " + (nr == 0 ? "reference" : "current"));
    }
    var keys = new java.util.HashSet<>(rc.keySet());
    keys.addAll(cc.keySet());
    Selection sel = MethodSelector.select(config, name, FeatureType.CATEGORICAL, nr, keys.size());
    return CategoricalDrift.compute(name, sel, rc, cc);
  }

  private static List<String> common(Dataset a, Dataset b) {
    List<String> out = new ArrayList<>();
    for (String n : a.columnNames()) {
      if (b.column(n).isPresent()) {
        out.add(n);
      }
    }
    return out;
  }
}
