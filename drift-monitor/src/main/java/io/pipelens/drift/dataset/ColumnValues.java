package io.pipelens.drift.dataset;

/**
 * Builds a {@link Column} value by value (for decoders of other formats, e.g. the sample wire
 * format). Not thread-safe.
 */
public final class ColumnValues {
  private final ColumnBuilder builder;

  public ColumnValues(String name) {
    this.builder = new ColumnBuilder(name);
  }

  public void addNumber(double v) {
    if (!Double.isFinite(v)) {
      builder.addMissing();
    } else {
      builder.addNumber(v);
    }
  }

  /** A text value: a category, or a number written as text ("31"), or a missing token. */
  public void addText(String text) {
    builder.addToken(text);
  }

  public void addMissing() {
    builder.addMissing();
  }

  public int size() {
    return builder.size();
  }

  public Column build() {
    return builder.build();
  }
}
