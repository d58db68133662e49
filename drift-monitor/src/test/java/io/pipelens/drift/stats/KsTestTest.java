package io.pipelens.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KsTestTest {
  @Test
  void tiesAcrossSamplesDoNotInflateTheStatistic() {
    // same multiset, different order: identical ECDFs despite ties
    TestResult r = KsTest.test(new double[] {1, 1, 2, 2, 3}, new double[] {3, 2, 2, 1, 1});
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void smallDisjointSamplesHaveTheExactCombinatorialPValue() {
    // D = 1 with n = m = 3: only 2 of C(6,3) = 20 orderings are this extreme
    TestResult r = KsTest.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertThat(r.statistic()).isEqualTo(1.0);
    assertThat(r.pValue()).isCloseTo(2.0 / 20, within(1e-15));
  }

  @Test
  void unequalSizesUseTheBandRecursion() {
    // n=2, m=3, disjoint: 2 of C(5,2) = 10 orderings reach D = 1
    TestResult r = KsTest.test(new double[] {0, 1}, new double[] {5, 6, 7});
    assertThat(r.pValue()).isCloseTo(0.2, within(1e-15));
  }

  @Test
  void emptySampleIsRejectedWithTheSizes() {
    assertThatThrownBy(() -> KsTest.test(new double[0], new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sizes 0 and 1");
  }
}
