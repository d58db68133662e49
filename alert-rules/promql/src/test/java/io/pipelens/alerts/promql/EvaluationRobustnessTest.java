package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.pipelens.alerts.promql.parse.ParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd but valid queries must evaluate or fail with a QueryException, never crash the caller. */
class EvaluationRobustnessTest {
  private static final InMemorySeriesSource SOURCE = new InMemorySeriesSource();
  private static final PromqlEngine ENGINE = new PromqlEngine(SOURCE);

  @BeforeAll
  static void load() {
    SOURCE.append(Labels.of("__name__", "x", "le", "+Inf"), 0, 5);
    SOURCE.append(Labels.of("__name__", "x", "le", "bad"), 0, 1);
    SOURCE.append(Labels.of("__name__", "y"), 0, Double.NaN);
    SOURCE.append(Labels.of("__name__", "y"), 1_000, Double.POSITIVE_INFINITY);
    SOURCE.append(Labels.of("__name__", "y"), 2_000, Point.STALE_NAN);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "histogram_quantile(0.5, x)", "histogram_quantiles(x, \"q\", 0.1, 2)", "histogram_fraction(1, 0, x)",
      "sort_by_label(x)", "label_join(x, \"a\", \"-\")", "quantile_over_time(0.5, y[1m])", "scalar(x)",
      "absent(nope{a=\"b\", a=\"c\"})", "predict_linear(y[5m], 1)", "deriv(y[5m])", "irate(y[1s])",
      "days_in_month(vector(1e20))", "year(vector(-1e300))", "hour(vector(NaN))", "timestamp(vector(1))",
      "count_values(\"le\", x)", "topk(1e30, x)", "bottomk(-1, x)", "limitk(2^70, x)", "limit_ratio(-5, x)",
      "x offset 290y", "y @ -100000000", "stddev_over_time(y[1h])", "mad_over_time(y[1h])",
      "double_exponential_smoothing(y[1h], 0.5, 0.5)", "round(y, 0)", "clamp(y, 5, 1)",
      "max_over_time(x[1h:1s])", "changes(y[1h])", "resets(y[1h])", "-y ^ -y % 0 atan2 y",
      "y and on() y or ignoring(z) y unless y", "sum by (le) (x) / ignoring(le) group_left sum(x)",
      "label_replace(x, \"le\", \"$9$x${y}$$\", \"le\", \"(.*)\")", "x[5m]", "rate(x[5m])[10m:]",
      "sort_desc(y) == bool sort(y)", "count(x) > 1 < 3", "1 / vector(0)", "min_of(NaN, 1)"})
  void neverThrowsAnythingButQueryExceptions(String expr) {
    assertThatCode(() -> {
      try {
        ENGINE.instantQuery(expr, 60_000);
        ENGINE.rangeQuery(expr.endsWith("]") ? "x" : expr, 0, 120_000, 30_000);
      } catch (QueryException | ParseException expected) {
        // a clear, typed error is fine
      }
    }).doesNotThrowAnyException();
  }
}
