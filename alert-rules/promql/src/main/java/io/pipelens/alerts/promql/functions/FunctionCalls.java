package io.pipelens.alerts.promql.functions;

import io.pipelens.alerts.promql.ast.Call;
import io.pipelens.alerts.promql.eval.EvalValue;
import io.pipelens.alerts.promql.eval.Evaluator;
import java.util.HashMap;
import java.util.Map;

/** Dispatches function calls to their implementations, grouped by kind in this package. */
public final class FunctionCalls {
  private static final Map<String, Function> FUNCTIONS = new HashMap<>();

  static {
    MathFunctions.register(FUNCTIONS);
    TimeFunctions.register(FUNCTIONS);
    RateFunctions.register(FUNCTIONS);
    OverTimeFunctions.register(FUNCTIONS);
    LabelFunctions.register(FUNCTIONS);
    HistogramFunctions.register(FUNCTIONS);
  }

  private FunctionCalls() {}

  public static EvalValue call(Evaluator ev, Call c, long ts) {
    Function f = FUNCTIONS.get(c.function().name());
    if (f == null) {
      throw new IllegalStateException("function " + c.function().name() + " is declared but not implemented");
    }
    return f.apply(new Args(ev, c, ts));
  }

  /** Names of implemented functions (for tests that check the parser and evaluator agree). */
  public static java.util.Set<String> implemented() {
    return java.util.Set.copyOf(FUNCTIONS.keySet());
  }
}
