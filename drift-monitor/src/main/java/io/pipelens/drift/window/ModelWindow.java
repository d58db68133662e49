package io.pipelens.drift.window;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.reference.CategoricalProfile;
import io.pipelens.drift.reference.FeatureProfile;
import io.pipelens.drift.reference.NumericProfile;
import io.pipelens.drift.reference.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One open window of a model: a bounded window per reference feature. Columns the reference does
 * not know are ignored; reference features absent from a batch count as missing. Text in a
 * numeric feature counts as missing. Not thread-safe.
 */
final class ModelWindow {
  /** Distinct categories kept per categorical feature and window. */
  static final int MAX_CATEGORIES = 1000;
  private final Map<String, NumericWindow> numeric = new LinkedHashMap<>();
  private final Map<String, CategoricalWindow> categorical = new LinkedHashMap<>();
  private long rows;
  private long startUnixNano;

  ModelWindow(ReferenceProfile reference, long startUnixNano) {
    this.startUnixNano = startUnixNano;
    int capacity = reference.options().rawLimit();
    for (FeatureProfile f : reference.features().values()) {
      if (f.type() == FeatureType.NUMERIC) {
        numeric.put(f.name(), new NumericWindow(f.numeric(), capacity));
      } else {
        categorical.put(f.name(), new CategoricalWindow(MAX_CATEGORIES));
      }
    }
  }

  static ModelWindow restore(ReferenceProfile reference, ModelWindowState s) {
    ModelWindow w = new ModelWindow(reference, s.startUnixNano());
    w.rows = s.rows();
    int capacity = reference.options().rawLimit();
    s.numeric().forEach((name, state) -> {
      FeatureProfile f = reference.features().get(name);
      if (f == null || f.numeric() == null) {
        throw new IllegalArgumentException("window state has numeric feature '" + name
            + "' that the reference does not have as numeric");
      }
      w.numeric.put(name, NumericWindow.restore(f.numeric(), capacity, state));
    });
    s.categorical().forEach((name, state) -> {
      if (!w.categorical.containsKey(name)) {
        throw new IllegalArgumentException("window state has categorical feature '" + name
            + "' that the reference does not have as categorical");
      }
      w.categorical.put(name, CategoricalWindow.restore(MAX_CATEGORIES, state));
    });
    return w;
  }

  ModelWindowState state() {
    Map<String, NumericWindowState> n = new LinkedHashMap<>();
    numeric.forEach((k, v) -> n.put(k, v.state()));
    Map<String, CategoricalWindowState> c = new LinkedHashMap<>();
    categorical.forEach((k, v) -> c.put(k, v.state()));
    return new ModelWindowState(rows, startUnixNano, n, c);
  }

  /** Adds rows [from, to) of the given columns. */
  void add(Map<String, Column> columns, int from, int to) {
    numeric.forEach((name, w) -> {
      Column c = columns.get(name);
      for (int r = from; r < to; r++) {
        if (c == null) {
          w.addMissing();
        } else {
          w.add(c.number(r));
        }
      }
    });
    categorical.forEach((name, w) -> {
      Column c = columns.get(name);
      for (int r = from; r < to; r++) {
        w.add(c == null ? null : c.key(r));
      }
    });
    rows += to - from;
  }

  /**
   * A reference built from this window: numeric features from their raw values (all of them up
   * to rawLimit, else the uniform sample), categorical features from their exact counts.
   */
  ReferenceProfile toReference(ReferenceProfile old, String source) {
    Map<String, FeatureProfile> features = new LinkedHashMap<>();
    var options = old.options();
    numeric.forEach((name, w) -> {
      double[] sample = w.sortedSample();
      if (sample.length == 0) {
        throw new IllegalArgumentException(
            "cannot build a reference from the window: feature '" + name + "' has no values in it");
      }
      features.put(name, new FeatureProfile(name, FeatureType.NUMERIC, w.missing(),
          NumericProfile.ofSorted(sample, options.bins(), options.rawLimit()), null));
    });
    categorical.forEach((name, w) -> features.put(name, new FeatureProfile(name,
        FeatureType.CATEGORICAL, 0, null, new CategoricalProfile(w.count(), w.counts()))));
    Map<String, FeatureProfile> ordered = new LinkedHashMap<>();
    old.features().keySet().forEach(k -> ordered.put(k, features.get(k)));
    return new ReferenceProfile(rows, source, ordered, options);
  }

  long rows() {
    return rows;
  }

  long startUnixNano() {
    return startUnixNano;
  }

  Map<String, NumericWindow> numeric() {
    return numeric;
  }

  Map<String, CategoricalWindow> categorical() {
    return categorical;
  }
}
