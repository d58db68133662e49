package io.pipelens.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistancesTest {
  @Test
  void psiFillsEmptyBinsWithEvidentlysEpsilon() {
    double[] filled = ProbabilityDistances.fillZeroes(new double[] {0.5, 0.5, 0});
    assertThat(filled[2]).isEqualTo(1e-4);
    double[] tiny = ProbabilityDistances.fillZeroes(new double[] {0.99995, 0.00005, 0});
    assertThat(tiny[2]).isCloseTo(0.00005 / 1e6, within(1e-20));
    assertThat(ProbabilityDistances.psi(new double[] {0.5, 0.5, 0}, new double[] {0.5, 0.5, 0})).isZero();
  }

  @Test
  void distancesOfDisjointDistributionsAreMaximal() {
    double[] p = {1, 0};
    double[] q = {0, 1};
    assertThat(ProbabilityDistances.hellinger(p, q)).isCloseTo(1.0, within(1e-15));
    assertThat(ProbabilityDistances.jensenShannon(p, q)).isCloseTo(Math.sqrt(Math.log(2)), within(1e-15));
  }

  @Test
  void wassersteinOfAShiftIsTheShift() {
    assertThat(Wasserstein.distanceSorted(new double[] {0, 1, 2}, new double[] {3, 4, 5})).isCloseTo(3.0, within(1e-15));
  }

  @Test
  void zTestOfEqualConstantsIsNotDrift() {
    assertThat(ProportionZTest.test(10, 10, 20, 20).pValue()).isEqualTo(1.0);
  }
}
