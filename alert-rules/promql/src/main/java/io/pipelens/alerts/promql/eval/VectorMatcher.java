package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.ast.BinaryExpr;
import io.pipelens.alerts.promql.ast.BinaryOp;
import io.pipelens.alerts.promql.ast.VectorMatching;
import io.pipelens.alerts.promql.ast.VectorMatching.Cardinality;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Vector/vector operations: set operators and one-to-one / many-to-one matching. */
final class VectorMatcher {
  private VectorMatcher() {}

  static VectorV eval(BinaryExpr b, List<VecItem> lhs, List<VecItem> rhs, long ts) {
    VectorMatching m = b.matching();
    return switch (b.op()) {
      case AND -> and(m, lhs, rhs, true);
      case UNLESS -> and(m, lhs, rhs, false);
      case OR -> or(m, lhs, rhs);
      default -> matched(b, m, lhs, rhs, ts);
    };
  }

  static Labels signature(VectorMatching m, VecItem i) {
    Labels l = i.labels();
    if (m.on()) {
      return l.keep(m.labels());
    }
    return l.drop(m.labels()).withoutMetricName();
  }

  private static VectorV and(VectorMatching m, List<VecItem> lhs, List<VecItem> rhs, boolean keepMatching) {
    Set<Labels> right = new HashSet<>();
    for (VecItem r : rhs) {
      right.add(signature(m, r));
    }
    List<VecItem> out = new ArrayList<>();
    for (VecItem l : lhs) {
      if (right.contains(signature(m, l)) == keepMatching) {
        out.add(l);
      }
    }
    return new VectorV(out);
  }

  private static VectorV or(VectorMatching m, List<VecItem> lhs, List<VecItem> rhs) {
    Set<Labels> left = new HashSet<>();
    List<VecItem> out = new ArrayList<>(lhs);
    for (VecItem l : lhs) {
      left.add(signature(m, l));
    }
    for (VecItem r : rhs) {
      if (!left.contains(signature(m, r))) {
        out.add(r);
      }
    }
    return new VectorV(out);
  }

  private static VectorV matched(BinaryExpr b, VectorMatching m, List<VecItem> lhs, List<VecItem> rhs, long ts) {
    BinaryOp op = b.op();
    boolean swapped = m.cardinality() == Cardinality.ONE_TO_MANY;
    List<VecItem> many = swapped ? rhs : lhs;
    List<VecItem> one = swapped ? lhs : rhs;
    Map<Labels, VecItem> oneBySig = new HashMap<>();
    for (VecItem r : one) {
      Labels sig = signature(m, r);
      VecItem dup = oneBySig.put(sig, r);
      if (dup != null) {
        Labels a = dup.labels();
        Labels c = r.labels();
        if (a.compareTo(c) > 0) {
          Labels t = a;
          a = c;
          c = t;
        }
        throw new QueryException(
            "found duplicate series for the match group " + sig.toFullString() + " on the "
                + (swapped ? "left" : "right") + " hand-side of the operation: [" + a.toFullString() + ", "
                + c.toFullString() + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    Map<Labels, Set<Labels>> matchedSigs = new HashMap<>();
    List<VecItem> out = new ArrayList<>();
    for (VecItem l : many) {
      Labels sig = signature(m, l);
      VecItem r = oneBySig.get(sig);
      if (r == null) {
        continue;
      }
      double fl = swapped ? r.v() : l.v();
      double fr = swapped ? l.v() : r.v();
      boolean dropName = b.returnBool() || !op.isComparison() || l.dropName();
      Labels metric = resultLabels(l, r, m);
      Set<Labels> inserted = matchedSigs.get(sig);
      if (m.cardinality() == Cardinality.ONE_TO_ONE) {
        if (inserted != null) {
          throw new QueryException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        }
        matchedSigs.put(sig, Set.of());
      } else {
        if (inserted == null) {
          inserted = new HashSet<>();
          matchedSigs.put(sig, inserted);
        } else if (inserted.contains(metric)) {
          throw new QueryException("multiple matches for labels: grouping labels must ensure unique matches");
        }
        inserted.add(metric);
      }
      double value;
      if (op.isComparison()) {
        boolean keep = ArithmeticOps.compare(op, fl, fr);
        if (!b.returnBool() && !keep) {
          continue;
        }
        value = b.returnBool() ? (keep ? 1 : 0) : fl;
      } else {
        value = ArithmeticOps.arithmetic(op, fl, fr);
      }
      out.add(new VecItem(metric, ts, value, dropName));
    }
    return new VectorV(out);
  }

  private static Labels resultLabels(VecItem many, VecItem one, VectorMatching m) {
    Labels l = many.labels();
    if (m.cardinality() == Cardinality.ONE_TO_ONE) {
      l = m.on() ? l.keep(m.labels()) : l.drop(m.labels());
    }
    for (String name : m.include()) {
      String v = one.labels().get(name);
      l = v.isEmpty() ? l.without(name) : l.with(name, v);
    }
    return l;
  }
}
