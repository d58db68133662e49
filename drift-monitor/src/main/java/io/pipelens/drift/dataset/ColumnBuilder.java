package io.pipelens.drift.dataset;

import java.util.Arrays;

/** Accumulates one column's values while a file is read. Not thread-safe. */
final class ColumnBuilder {
  private final String name;
  private double[] numbers = new double[1024];
  private String[] texts;
  private int size;

  ColumnBuilder(String name) {
    this.name = name;
  }

  void addMissing() {
    ensure();
    numbers[size] = Double.NaN;
    size++;
  }

  void addNumber(double v) {
    ensure();
    numbers[size] = v;
    if (texts != null) {
      texts[size] = CategoryKeys.of(v);
    }
    size++;
  }

  /** Adds a token from a text format: missing token, number, or category text. */
  void addToken(String token) {
    double v = CategoryKeys.parseNumber(token); // common case first: a number
    if (!Double.isNaN(v)) {
      addNumber(v);
    } else if (CategoryKeys.isMissing(token)) {
      addMissing();
    } else {
      addText(token.trim());
    }
  }

  void addText(String text) {
    ensure();
    if (texts == null) {
      texts = new String[numbers.length];
      for (int i = 0; i < size; i++) {
        texts[i] = Double.isNaN(numbers[i]) ? null : CategoryKeys.of(numbers[i]);
      }
    }
    numbers[size] = Double.NaN;
    texts[size] = text;
    size++;
  }

  int size() {
    return size;
  }

  Column build() {
    return new Column(
        name, Arrays.copyOf(numbers, size), texts == null ? null : Arrays.copyOf(texts, size));
  }

  private void ensure() {
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, size * 2);
      if (texts != null) {
        texts = Arrays.copyOf(texts, size * 2);
      }
    }
  }
}
