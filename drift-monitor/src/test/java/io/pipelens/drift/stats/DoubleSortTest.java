package io.pipelens.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleSortTest {
  @Test
  void radixSortOrdersLikeArraysSort() {
    SplittableRandom r = new SplittableRandom(5);
    double[] a = new double[50_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = switch (i % 7) {
        case 0 -> -r.nextDouble() * 1e6;
        case 1 -> r.nextInt(10); // ties
        case 2 -> -0.0;
        case 3 -> 0.0;
        case 4 -> i % 2 == 0 ? Double.NEGATIVE_INFINITY : Double.MAX_VALUE;
        case 5 -> Double.MIN_VALUE * r.nextInt(3);
        default -> r.nextDouble() * 1e-300;
      };
    }
    double[] expected = a.clone();
    Arrays.sort(expected);
    DoubleSort.sort(a);
    assertThat(Arrays.equals(a, expected)).isTrue();
  }
}
