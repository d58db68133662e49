package io.pipelens.drift.window;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodSelector;
import io.pipelens.drift.method.MethodSelector.Selection;
import io.pipelens.drift.reference.FeatureProfile;
import io.pipelens.drift.reference.NumericProfile;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.report.CategoricalDrift;
import io.pipelens.drift.report.DriftReport;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.report.NumericDrift;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a window with the reference profile. Numeric features are exact (raw values, the
 * same code as {@code drift compare}) when the reference kept its raw values and the window has
 * at most rawLimit values; otherwise {@link BinnedNumericDrift}. Categorical features are always
 * exact.
 */
final class WindowComparator {
  private WindowComparator() {}

  static DriftReport compare(ReferenceProfile reference, ModelWindow window, DriftConfig config) {
    List<FeatureDrift> out = new ArrayList<>();
    for (FeatureProfile f : reference.features().values()) {
      try {
        out.add(f.type() == FeatureType.NUMERIC
            ? numeric(f, window.numeric().get(f.name()), config)
            : categorical(f, window.categorical().get(f.name()), config));
      } catch (IllegalArgumentException e) {
        // e.g. a configured z-test on a feature that gained a third category: never crash
        out.add(skipped(f, 0, e.getMessage()));
      }
    }
    return DriftReport.of(out, config.driftShare());
  }

  private static FeatureDrift numeric(FeatureProfile f, NumericWindow w, DriftConfig config) {
    NumericProfile ref = f.numeric();
    if (w.count() == 0) {
      return skipped(f, w.count(), "no non-missing values in the window");
    }
    Selection sel = MethodSelector.select(config, f.name(), FeatureType.NUMERIC, ref.count(), 0);
    if (ref.exact() && w.exact()) {
      return NumericDrift.compute(f.name(), sel, ref.sample(), w.sortedSample());
    }
    return BinnedNumericDrift.compute(f.name(), sel, ref, w);
  }

  private static FeatureDrift categorical(FeatureProfile f, CategoricalWindow w, DriftConfig config) {
    Map<String, Long> ref = f.categorical().counts();
    long n = w.count();
    if (f.categorical().count() == 0) {
      return skipped(f, n, "no non-missing values in the reference");
    }
    if (n == 0) {
      return skipped(f, n, "no non-missing values in the window");
    }
    Set<String> keys = new HashSet<>(ref.keySet());
    keys.addAll(w.counts().keySet());
    Selection sel = MethodSelector.select(config, f.name(), FeatureType.CATEGORICAL, f.categorical().count(), keys.size());
    return CategoricalDrift.compute(f.name(), sel, ref, w.counts());
  }

  private static FeatureDrift skipped(FeatureProfile f, long windowCount, String why) {
    return new FeatureDrift(f.name(), f.type(), null, Double.NaN, null, Double.NaN, false,
        f.count(), windowCount, false, null, why);
  }
}
