package io.pipelens.drift.window;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.samples.SampleBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Generated model traffic: x ~ N(shift, 1), y ~ N(5 + 2 shift, 2), plan in {a, b, c}. */
final class Streams {
  private final SplittableRandom rnd;
  private final double shift;
  private final double planA;

  Streams(long seed, double shift, double planA) {
    this.rnd = new SplittableRandom(seed);
    this.shift = shift;
    this.planA = planA;
  }

  Map<String, Column> columns(int rows) {
    double[] x = new double[rows];
    double[] y = new double[rows];
    String[] plan = new String[rows];
    for (int i = 0; i < rows; i++) {
      x[i] = shift + gauss();
      y[i] = 5 + 2 * shift + 2 * gauss();
      double u = rnd.nextDouble();
      plan[i] = u < planA ? "a" : u < planA + (1 - planA) * 0.6 ? "b" : "c";
    }
    Map<String, Column> cols = new LinkedHashMap<>();
    cols.put("x", Column.ofNumbers("x", x));
    cols.put("y", Column.ofNumbers("y", y));
    cols.put("plan", Column.ofCategories("plan", plan));
    return cols;
  }

  Dataset dataset(int rows) {
    return new Dataset(List.copyOf(columns(rows).values()));
  }

  SampleBatch batch(int rows, Long timestampUnixNano) {
    return new SampleBatch("churn", "3", timestampUnixNano, null, columns(rows), null, null, null, rows);
  }

  private double gauss() {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }
}
