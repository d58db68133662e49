package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pipelens.alerts.promql.parse.ParseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromqlEngineTest {
  private final InMemorySeriesSource source = new InMemorySeriesSource();
  private final PromqlEngine engine = new PromqlEngine(source);

  @BeforeEach
  void load() {
    // Two training steps counting processed rows every 15s for 10 minutes: 1/s and 3/s.
    for (long t = 0; t <= 600_000; t += 15_000) {
      source.append(Labels.of("__name__", "rows_total", "pipeline", "churn", "step", "train"), t, t / 1000.0);
      source.append(Labels.of("__name__", "rows_total", "pipeline", "churn", "step", "score"), t, 3 * t / 1000.0);
    }
    source.append(Labels.of("__name__", "pipeline_owner", "pipeline", "churn", "owner", "ds-team"), 600_000, 1);
  }

  @Test
  void instantQueryComputesRatesAndDropsTheMetricName() {
    Value.Vector v = vector(engine.instantQuery("rate(rows_total[5m])", 600_000));
    assertThat(v.samples()).hasSize(2);
    assertThat(v.samples()).allSatisfy(s -> assertThat(s.labels().has("__name__")).isFalse());
    assertThat(v.samples()).anySatisfy(s -> assertThat(s.v()).isCloseTo(1.0, within(1e-9)));
    assertThat(v.samples()).anySatisfy(s -> assertThat(s.v()).isCloseTo(3.0, within(1e-9)));
    assertThat(v.samples()).allSatisfy(s -> assertThat(s.t()).isEqualTo(600_000));
  }

  @Test
  void aggregatesAndJoinsWithGroupLeft() {
    Value.Vector v = vector(engine.instantQuery(
        "sum by (pipeline) (rate(rows_total[5m])) * on(pipeline) group_left(owner) pipeline_owner", 600_000));
    assertThat(v.samples()).singleElement().satisfies(s -> {
      assertThat(s.labels()).isEqualTo(Labels.of("pipeline", "churn", "owner", "ds-team"));
      assertThat(s.v()).isCloseTo(4.0, within(1e-9));
    });
  }

  @Test
  void rangeQueryReturnsOneSeriesPerLabelSetSortedByLabels() {
    QueryResult r = engine.rangeQuery("rows_total > 100", 0, 600_000, 60_000);
    Value.Matrix m = (Value.Matrix) r.value();
    assertThat(m.series()).extracting(s -> s.labels().get("step")).containsExactly("score", "train");
    Series score = m.series().get(0);
    assertThat(score.points().get(0)).isEqualTo(new Point(60_000, 180));
    assertThat(m.series().get(1).points()).hasSize(9); // train exceeds 100 from t=120s on
  }

  @Test
  void staleMarkerEndsASeriesBeforeTheLookbackDelta() {
    Labels job = Labels.of("__name__", "batch_running", "job", "nightly");
    source.append(job, 0, 1);
    source.append(job, 60_000, Point.STALE_NAN);
    assertThat(vector(engine.instantQuery("batch_running", 30_000)).samples()).hasSize(1);
    assertThat(vector(engine.instantQuery("batch_running", 90_000)).samples()).isEmpty();
    Labels other = Labels.of("__name__", "batch_running", "job", "hourly");
    source.append(other, 0, 1);
    assertThat(vector(engine.instantQuery("batch_running{job=\"hourly\"}", 299_999)).samples()).hasSize(1);
    assertThat(vector(engine.instantQuery("batch_running{job=\"hourly\"}", 300_000)).samples()).isEmpty();
  }

  @Test
  void rangeQueryFetchesEachSelectorOnceCoveringSubqueriesAndOffsets() {
    java.util.List<long[]> calls = new java.util.ArrayList<>();
    SeriesSource counting = (matchers, min, max) -> {
      calls.add(new long[] {min, max});
      return source.select(matchers, min, max);
    };
    QueryResult r = new PromqlEngine(counting).rangeQuery(
        "max_over_time(rate(rows_total[1m])[5m:30s] offset 1m)", 420_000, 600_000, 15_000);
    assertThat(((Value.Matrix) r.value()).series()).hasSize(2);
    assertThat(calls).hasSize(1);
    // 420s - 1m offset - 5m subquery - 1m range, up to 600s - 1m offset
    assertThat(calls.get(0)).containsExactly(0L + 1, 540_000L);
  }

  @Test
  void scalarAndStringResults() {
    assertThat(engine.instantQuery("2 ^ 3 ^ 2", 0).value()).isEqualTo(new Value.Scalar(0, 512));
    assertThat(engine.instantQuery("time()", 90_000).value()).isEqualTo(new Value.Scalar(90_000, 90));
    assertThat(engine.instantQuery("\"hello\"", 0).value()).isEqualTo(new Value.StringValue(0, "hello"));
  }

  @Test
  void warnsLikePrometheus() {
    QueryResult r = engine.instantQuery("quantile(2, rows_total)", 600_000);
    assertThat(r.warnings()).containsExactly("PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)");
    QueryResult info = engine.instantQuery("rate(pipeline_owner[5m])", 600_000);
    assertThat(info.infos()).isEmpty(); // one sample: no result, no info
  }

  @Test
  void evaluationErrorsAreQueryExceptions() {
    assertThatThrownBy(() -> engine.instantQuery("rows_total + on(pipeline) rows_total", 600_000))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("many-to-many matching not allowed");
    assertThatThrownBy(() -> engine.instantQuery("label_replace(rows_total, \"step\", \"x\", \"step\", \".*\")", 600_000))
        .isInstanceOf(QueryException.class)
        .hasMessage("vector cannot contain metrics with the same labelset");
    assertThatThrownBy(() -> engine.instantQuery("rate(rows_total)", 0)).isInstanceOf(ParseException.class);
  }

  @Test
  void rejectsBadRangeQueryParameters() {
    assertThatThrownBy(() -> engine.rangeQuery("up", 0, 10, 0)).hasMessageContaining("step must be positive");
    assertThatThrownBy(() -> engine.rangeQuery("up", 10, 0, 1)).hasMessageContaining("before start");
    assertThatThrownBy(() -> engine.rangeQuery("up", 0, 86_400_000, 1_000))
        .hasMessageContaining("exceeded maximum resolution of 11000 points per timeseries");
    assertThatThrownBy(() -> engine.instantQuery("max_over_time(rows_total[30d:1s])", 600_000))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("use a larger subquery step");
    assertThatThrownBy(() -> engine.rangeQuery("up[5m]", 0, 10, 1))
        .hasMessageContaining("invalid expression type \"range vector\" for range query");
  }

  private static Value.Vector vector(QueryResult r) {
    assertThat(r.value()).isInstanceOf(Value.Vector.class);
    return (Value.Vector) r.value();
  }
}
