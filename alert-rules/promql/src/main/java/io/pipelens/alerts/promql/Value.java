package io.pipelens.alerts.promql;

import java.util.List;

/** A query result: one of the four PromQL value types. */
public sealed interface Value {

  /** A single number at the evaluation time. */
  record Scalar(long t, double v) implements Value {}

  /** A string literal result. */
  record StringValue(long t, String s) implements Value {}

  /** An instant vector; {@code t} of each sample is the evaluation time. */
  record Vector(List<Sample> samples) implements Value {
    public Vector {
      samples = List.copyOf(samples);
    }
  }

  /** A range vector or the result of a range query. */
  record Matrix(List<Series> series) implements Value {
    public Matrix {
      series = List.copyOf(series);
    }
  }

  /** One element of a vector. */
  record Sample(Labels labels, long t, double v) {}
}
