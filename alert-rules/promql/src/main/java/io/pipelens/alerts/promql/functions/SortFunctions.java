package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** sort, sort_desc, sort_by_label and sort_by_label_desc. NaN always sorts last. */
final class SortFunctions {
  private SortFunctions() {}

  static void register(Map<String, Function> m) {
    m.put("sort", a -> byValue(a, false));
    m.put("sort_desc", a -> byValue(a, true));
    m.put("sort_by_label", a -> byLabel(a, false));
    m.put("sort_by_label_desc", a -> byLabel(a, true));
  }

  private static void warnIfRange(Args a) {
    if (a.ev().window().rangeQuery()) {
      a.ev().annotations().warn("sort is ineffective for range queries since results are always ordered by labels" + a.atCall());
    }
  }

  private static VectorV byValue(Args a, boolean desc) {
    warnIfRange(a);
    List<VecItem> v = new ArrayList<>(a.vector(0));
    v.sort(
        (x, y) -> {
          boolean xn = Double.isNaN(x.v());
          boolean yn = Double.isNaN(y.v());
          if (xn || yn) {
            return Boolean.compare(xn, yn);
          }
          return desc ? Double.compare(y.v(), x.v()) : Double.compare(x.v(), y.v());
        });
    return new VectorV(v);
  }

  private static VectorV byLabel(Args a, boolean desc) {
    warnIfRange(a);
    List<String> names = new ArrayList<>();
    for (int i = 1; i < a.size(); i++) {
      names.add(a.string(i));
    }
    List<VecItem> v = new ArrayList<>(a.vector(0));
    Comparator<VecItem> c = (x, y) -> {
      for (String n : names) {
        int r = NaturalOrder.compare(x.labels().get(n), y.labels().get(n));
        if (r != 0) {
          return r;
        }
      }
      return x.labels().compareTo(y.labels());
    };
    v.sort(desc ? c.reversed() : c);
    return new VectorV(v);
  }
}
