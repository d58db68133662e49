package io.pipelens.drift.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-sided Z-test for the difference of two proportions with pooled variance (Evidently's
 * "z" test for binary features): z = (p1 - p2) / sqrt(P (1 - P) (1/n1 + 1/n2)), P the pooled
 * share, p = 2 * sf(|z|) (computed with the survival function, not 1 - cdf, so tiny p-values
 * stay accurate). When P is 0 or 1 both samples are the same constant and p = 1.
 */
public final class ProportionZTest {
  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

  private ProportionZTest() {}

  public static TestResult test(long successes1, long n1, long successes2, long n2) {
    if (n1 <= 0 || n2 <= 0 || successes1 < 0 || successes2 < 0 || successes1 > n1 || successes2 > n2) {
      throw new IllegalArgumentException(
          "invalid proportions " + successes1 + "/" + n1 + " and " + successes2 + "/" + n2);
    }
    double p1 = (double) successes1 / n1;
    double p2 = (double) successes2 / n2;
    double pooled = (double) (successes1 + successes2) / (n1 + n2);
    double var = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    if (var == 0) {
      return new TestResult(0.0, 1.0);
    }
    double z = (p1 - p2) / Math.sqrt(var);
    return new TestResult(z, Math.min(1.0, 2 * STANDARD.survivalProbability(Math.abs(z))));
  }
}
