package io.pipelens.alerts.promql.ast;

import static io.pipelens.alerts.promql.ast.ValueType.MATRIX;
import static io.pipelens.alerts.promql.ast.ValueType.SCALAR;
import static io.pipelens.alerts.promql.ast.ValueType.STRING;
import static io.pipelens.alerts.promql.ast.ValueType.VECTOR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Name and argument types of a PromQL function.
 *
 * @param variadic 0: exactly {@code argTypes}; n > 0: up to n trailing arguments optional; -1: the
 *     last type repeats without limit (and is optional)
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {

  private static final Map<String, FunctionSignature> ALL = new HashMap<>();

  static {
    for (String f :
        List.of(
            "abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "deg", "rad", "acos",
            "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
            "timestamp", "sort", "sort_desc", "absent", "histogram_count", "histogram_sum",
            "histogram_avg", "histogram_stddev", "histogram_stdvar")) {
      def(f, VECTOR, 0, VECTOR);
    }
    for (String f :
        List.of(
            "rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "stddev_over_time", "stdvar_over_time", "last_over_time", "first_over_time",
            "present_over_time", "absent_over_time", "mad_over_time", "ts_of_max_over_time",
            "ts_of_min_over_time", "ts_of_last_over_time", "ts_of_first_over_time")) {
      def(f, MATRIX, 0, VECTOR);
    }
    for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
      def(f, VECTOR, 1, VECTOR);
    }
    def("time", List.of(), 0, SCALAR);
    def("pi", List.of(), 0, SCALAR);
    def("step", List.of(), 0, SCALAR);
    def("range", List.of(), 0, SCALAR);
    def("start", List.of(), 0, SCALAR);
    def("end", List.of(), 0, SCALAR);
    def("min_of", List.of(SCALAR, SCALAR), 0, SCALAR);
    def("max_of", List.of(SCALAR, SCALAR), 0, SCALAR);
    def("vector", List.of(SCALAR), 0, VECTOR);
    def("scalar", List.of(VECTOR), 0, SCALAR);
    def("round", List.of(VECTOR, SCALAR), 1, VECTOR);
    def("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR);
    def("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR);
    def("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR);
    def("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR);
    def("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR);
    def("sort_by_label", List.of(VECTOR, STRING), -1, VECTOR);
    def("sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR);
    def("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR);
    def("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR);
    def("double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
    def("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR);
    def("histogram_quantiles", List.of(VECTOR, STRING, SCALAR), -1, VECTOR);
    def("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR);
  }

  private static void def(String name, ValueType arg, int variadic, ValueType ret) {
    def(name, List.of(arg), variadic, ret);
  }

  private static void def(String name, List<ValueType> args, int variadic, ValueType ret) {
    ALL.put(name, new FunctionSignature(name, args, variadic, ret));
  }

  /** Names of all functions the parser accepts. */
  public static java.util.Set<String> names() {
    return java.util.Set.copyOf(ALL.keySet());
  }

  public static Optional<FunctionSignature> byName(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** Minimum number of arguments. */
  public int minArgs() {
    return variadic == 0 ? argTypes.size() : variadic > 0 ? argTypes.size() - variadic : argTypes.size() - 1;
  }

  /** Maximum number of arguments, Integer.MAX_VALUE when unlimited. */
  public int maxArgs() {
    return variadic < 0 ? Integer.MAX_VALUE : argTypes.size();
  }

  /** Expected type of the i-th argument. */
  public ValueType argType(int i) {
    return i < argTypes.size() ? argTypes.get(i) : argTypes.get(argTypes.size() - 1);
  }
}
