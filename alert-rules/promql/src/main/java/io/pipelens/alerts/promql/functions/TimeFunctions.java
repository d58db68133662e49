package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.eval.EvalValue.ScalarV;
import io.pipelens.alerts.promql.eval.EvalValue.VecItem;
import io.pipelens.alerts.promql.eval.EvalValue.VectorV;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** time(), timestamp(), date parts (UTC), scalar/vector conversion and other scalar functions. */
final class TimeFunctions {
  private TimeFunctions() {}

  static void register(Map<String, Function> m) {
    m.put("time", a -> new ScalarV(a.ts() / 1000.0));
    m.put("pi", a -> new ScalarV(Math.PI));
    m.put("step", a -> new ScalarV(a.ev().window().stepMs() / 1000.0));
    m.put("range", a -> new ScalarV((a.ev().window().endMs() - a.ev().window().startMs()) / 1000.0));
    m.put("start", a -> new ScalarV(a.ev().window().startMs() / 1000.0));
    m.put("end", a -> new ScalarV(a.ev().window().endMs() / 1000.0));
    m.put("min_of", a -> minMax(a.scalar(0), a.scalar(1), true));
    m.put("max_of", a -> minMax(a.scalar(0), a.scalar(1), false));
    m.put("vector", a -> new VectorV(List.of(new VecItem(Labels.EMPTY, a.ts(), a.scalar(0), false))));
    m.put("scalar", a -> {
      List<VecItem> v = a.vector(0);
      return new ScalarV(v.size() == 1 ? v.get(0).v() : Double.NaN);
    });
    m.put("timestamp", a -> {
      boolean raw = a.expr(0) instanceof VectorSelector;
      List<VecItem> out = new ArrayList<>();
      for (VecItem i : a.vector(0)) {
        out.add(new VecItem(i.labels(), a.ts(), (raw ? i.t() : a.ts()) / 1000.0, true));
      }
      return new VectorV(out);
    });
    date(m, "minute", ZonedDateTime::getMinute);
    date(m, "hour", ZonedDateTime::getHour);
    date(m, "day_of_month", ZonedDateTime::getDayOfMonth);
    date(m, "day_of_week", d -> d.getDayOfWeek().getValue() % 7);
    date(m, "day_of_year", ZonedDateTime::getDayOfYear);
    date(m, "days_in_month", d -> d.toLocalDate().lengthOfMonth());
    date(m, "month", ZonedDateTime::getMonthValue);
    date(m, "year", ZonedDateTime::getYear);
  }

  private static ScalarV minMax(double x, double y, boolean min) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return new ScalarV(Double.NaN);
    }
    return new ScalarV(min ? Math.min(x, y) : Math.max(x, y));
  }

  private static void date(Map<String, Function> m, String name, ToIntFunction<ZonedDateTime> part) {
    m.put(name, a -> {
      if (a.size() == 0) {
        return new VectorV(List.of(new VecItem(Labels.EMPTY, a.ts(), part.applyAsInt(at(a.ts() / 1000.0)), false)));
      }
      List<VecItem> out = new ArrayList<>();
      for (VecItem i : a.vector(0)) {
        if (Double.isNaN(i.v()) || Double.isInfinite(i.v())) {
          out.add(new VecItem(i.labels(), a.ts(), Double.NaN, true));
          continue;
        }
        out.add(new VecItem(i.labels(), a.ts(), part.applyAsInt(at(i.v())), true));
      }
      return new VectorV(out);
    });
  }

  private static ZonedDateTime at(double seconds) {
    // Clamp to the range java.time accepts; such timestamps are nonsense either way.
    long s = (long) Math.max(-3.1e16, Math.min(3.1e16, seconds));
    return Instant.ofEpochSecond(s).atZone(ZoneOffset.UTC);
  }
}
