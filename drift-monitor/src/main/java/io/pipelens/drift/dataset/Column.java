package io.pipelens.drift.dataset;

import io.pipelens.drift.stats.DoubleSort;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One column of a dataset. Values are kept as doubles (NaN = missing or not a number) and, only
 * when at least one value is non-numeric text, also as category keys (null = missing). A column
 * is {@link #numeric()} when it has no text values. Immutable after construction.
 */
public final class Column {
  private final String name;
  private final double[] numbers;
  private final String[] texts;

  Column(String name, double[] numbers, String[] texts) {
    this.name = name;
    this.numbers = numbers;
    this.texts = texts;
  }

  public static Column ofNumbers(String name, double[] values) {
    return new Column(name, values.clone(), null);
  }

  public static Column ofCategories(String name, String[] values) {
    double[] nums = new double[values.length];
    Arrays.fill(nums, Double.NaN);
    return new Column(name, nums, values.clone());
  }

  public String name() {
    return name;
  }

  public int size() {
    return numbers.length;
  }

  /** True when every non-missing value is a number. */
  public boolean numeric() {
    return texts == null;
  }

  /** The non-missing numeric values, sorted ascending (a new array). Only for numeric columns. */
  public double[] sortedNumbers() {
    int n = 0;
    double[] out = new double[numbers.length];
    for (double v : numbers) {
      if (!Double.isNaN(v)) {
        out[n++] = v;
      }
    }
    double[] result = n == out.length ? out : Arrays.copyOf(out, n);
    DoubleSort.sort(result);
    return result;
  }

  /** The number at a row; NaN when missing or not a number. */
  public double number(int row) {
    return numbers[row];
  }

  /** Numbers including NaN for missing (not a copy: do not modify). */
  double[] rawNumbers() {
    return numbers;
  }

  /** The value at a row as a category key, or null if missing. */
  public String key(int row) {
    if (texts != null) {
      return texts[row];
    }
    double v = numbers[row];
    return Double.isNaN(v) ? null : CategoryKeys.of(v);
  }

  /** Category counts of non-missing values, in first-seen order. */
  public Map<String, Long> categoryCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < size(); i++) {
      String k = key(i);
      if (k != null) {
        counts.merge(k, 1L, Long::sum);
      }
    }
    return counts;
  }

  public long missing() {
    long m = 0;
    for (int i = 0; i < size(); i++) {
      if (texts != null ? texts[i] == null : Double.isNaN(numbers[i])) {
        m++;
      }
    }
    return m;
  }
}
