package io.pipelens.drift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pipelens.drift.ScipyOracle;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.MethodSelector.Selection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statistic against scipy on generated data (fixed seeds). */
class ScipyOracleTest {
  private record NumCase(DriftMethod method, double[] a, double[] b) {}

  private record CatCase(DriftMethod method, String[] a, String[] b) {}

  private final Map<String, NumCase> numeric = new LinkedHashMap<>();
  private final Map<String, CatCase> categorical = new LinkedHashMap<>();

  @Test
  void matchesScipy(@TempDir Path dir) throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    // KS: exact path (small, equal and unequal sizes), ties, identical, disjoint, asymptotic
    num("ks-small-equal", DriftMethod.KS, normal(rnd, 30, 0, 1), normal(rnd, 30, 0.5, 1));
    num("ks-small-unequal", DriftMethod.KS, normal(rnd, 25, 0, 1), normal(rnd, 40, 0.3, 1.2));
    num("ks-ties", DriftMethod.KS, ints(rnd, 200, 6), ints(rnd, 150, 7));
    num("ks-rounded-ties", DriftMethod.KS, round(normal(rnd, 500, 0, 1), 1), round(normal(rnd, 700, 0.1, 1), 1));
    double[] same = normal(rnd, 300, 2, 3);
    num("ks-identical", DriftMethod.KS, same, same.clone());
    num("ks-disjoint", DriftMethod.KS, normal(rnd, 40, 0, 1), normal(rnd, 35, 100, 1));
    num("ks-medium-exact", DriftMethod.KS, normal(rnd, 2000, 0, 1), normal(rnd, 3001, 0.05, 1));
    num("ks-equal-10000", DriftMethod.KS, normal(rnd, 10000, 0, 1), normal(rnd, 10000, 0.03, 1));
    num("ks-asymptotic", DriftMethod.KS, normal(rnd, 20000, 0, 1), normal(rnd, 15000, 0.06, 1));
    num("ks-asymptotic-nodrift", DriftMethod.KS, normal(rnd, 12000, 0, 1), normal(rnd, 30000, 0, 1));
    num("ks-one-each", DriftMethod.KS, new double[] {1}, new double[] {2});
    // many size pairs (common divisors, primes, 1-element samples) with ties and small shifts
    for (int i = 0; i < 40; i++) {
      int n1 = 1 + rnd.nextInt(i < 20 ? 60 : 400);
      int n2 = i % 5 == 0 ? n1 * (1 + rnd.nextInt(3)) : 1 + rnd.nextInt(i < 20 ? 60 : 400);
      double shift = rnd.nextInt(4) * 0.25;
      num("ks-sizes-" + i, DriftMethod.KS, round(normal(rnd, n1, 0, 1), 1), round(normal(rnd, n2, shift, 1), 1));
    }
    // Wasserstein (normed by reference std)
    num("wd-shift", DriftMethod.WASSERSTEIN, normal(rnd, 3000, 0, 2), normal(rnd, 2000, 0.5, 2));
    num("wd-ties", DriftMethod.WASSERSTEIN, ints(rnd, 1000, 10), ints(rnd, 800, 12));
    num("wd-identical", DriftMethod.WASSERSTEIN, same, same.clone());
    num("wd-constant-ref", DriftMethod.WASSERSTEIN, new double[] {5, 5, 5}, new double[] {5, 6, 7});
    num("wd-disjoint", DriftMethod.WASSERSTEIN, normal(rnd, 50, 0, 1), normal(rnd, 70, 10, 1));
    // PSI / Jensen-Shannon / Hellinger on numeric values: Sturges bins and per-value bins
    for (DriftMethod m : new DriftMethod[] {DriftMethod.PSI, DriftMethod.JENSEN_SHANNON, DriftMethod.HELLINGER}) {
      num(m.id() + "-sturges", m, normal(rnd, 5000, 0, 1), normal(rnd, 4000, 0.2, 1.1));
      num(m.id() + "-values", m, ints(rnd, 3000, 8), ints(rnd, 2000, 10));
      num(m.id() + "-disjoint", m, normal(rnd, 300, 0, 1), normal(rnd, 300, 50, 1));
      num(m.id() + "-identical", m, same, same.clone());
    }
    // categorical
    cat("chi-3", DriftMethod.CHI_SQUARE, cats(rnd, 400, 0.5, 0.3, 0.2), cats(rnd, 300, 0.4, 0.3, 0.3));
    cat("chi-new-category", DriftMethod.CHI_SQUARE, cats(rnd, 200, 0.6, 0.4, 0), cats(rnd, 150, 0.5, 0.3, 0.2));
    String[] sameCats = cats(rnd, 100, 0.2, 0.3, 0.5);
    cat("chi-identical", DriftMethod.CHI_SQUARE, sameCats, sameCats.clone());
    cat("z-binary", DriftMethod.Z_TEST, cats(rnd, 500, 0.3, 0.7), cats(rnd, 400, 0.4, 0.6));
    cat("z-strong", DriftMethod.Z_TEST, cats(rnd, 800, 0.1, 0.9), cats(rnd, 900, 0.5, 0.5));
    cat("psi-cat", DriftMethod.PSI, cats(rnd, 2000, 0.5, 0.3, 0.2, 0), cats(rnd, 1500, 0.3, 0.3, 0.3, 0.1));
    cat("js-cat", DriftMethod.JENSEN_SHANNON, cats(rnd, 2000, 0.5, 0.3, 0.2), cats(rnd, 1500, 0.3, 0.3, 0.4));
    cat("hellinger-cat", DriftMethod.HELLINGER, cats(rnd, 2000, 0.5, 0.3, 0.2), cats(rnd, 1500, 0.3, 0.3, 0.4));

    ScipyOracle oracle = new ScipyOracle();
    // asymptotic KS p-values at million-row sizes, every branch (Pelz-Good, smirnov, zero)
    double[][] large = {{0.002, 1e6, 1e6}, {0.0022, 1e6, 1e6}, {0.003, 1e6, 1e6},
        {0.005, 3e5, 3e5}, {0.01, 2e5, 5e4}, {0.05, 1e6, 1e6}, {0.0005, 1e6, 1e6}};
    Map<String, Double> largeP = new HashMap<>();
    for (double[] c : large) {
      String id = "kstwo-" + c[0] + "-" + (int) c[1] + "-" + (int) c[2];
      oracle.add(id, "kstwo_sf", new double[] {c[0]}, new double[] {c[1], c[2]});
      largeP.put(id, io.pipelens.drift.stats.KsTest.pValue(c[0], (int) c[1], (int) c[2]));
    }
    numeric.forEach((id, c) -> oracle.add(id, c.method().id(), c.a(), c.b()));
    categorical.forEach((id, c) -> oracle.add(id, catKind(c.method()), c.a(), c.b()));
    Map<String, ScipyOracle.Answer> scipy = oracle.run(dir);

    Map<String, FeatureDrift> ours = new HashMap<>();
    numeric.forEach((id, c) -> ours.put(id, NumericDrift.compute(id, sel(c.method()), sorted(c.a()), sorted(c.b()))));
    categorical.forEach((id, c) -> ours.put(id, CategoricalDrift.compute(id, sel(c.method()), counts(c.a()), counts(c.b()))));

    largeP.forEach((id, p) -> assertThat(p).as(id).isCloseTo(scipy.get(id).pValue(), tolerance(scipy.get(id).pValue())));
    largeP.keySet().forEach(scipy::remove);
    assertThat(scipy.keySet()).containsExactlyInAnyOrderElementsOf(ours.keySet());
    for (var e : ours.entrySet()) {
      ScipyOracle.Answer want = scipy.get(e.getKey());
      FeatureDrift got = e.getValue();
      assertThat(got.statistic()).as(e.getKey() + " statistic").isCloseTo(want.statistic(), tolerance(want.statistic()));
      if (want.pValue() != null) {
        assertThat(got.pValue()).as(e.getKey() + " p-value").isCloseTo(want.pValue(), tolerance(want.pValue()));
      }
    }
    // sanity: the cases exercise what they claim
    assertThat(ours.get("ks-identical").pValue()).isEqualTo(1.0);
    assertThat(ours.get("ks-disjoint").statistic()).isEqualTo(1.0);
    assertThat(ours.get("ks-disjoint").pValue()).isLessThan(1e-15);
    assertThat(ours.get("ks-asymptotic").drifted()).isTrue();
    assertThat(ours.get("ks-asymptotic-nodrift").drifted()).isFalse();
    assertThat(ours.get("chi-identical").pValue()).isEqualTo(1.0);
  }

  /** 1e-6 relative, with an absolute floor for values near zero. */
  private static org.assertj.core.data.Offset<Double> tolerance(double expected) {
    return within(Math.max(1e-6 * Math.abs(expected), 1e-12));
  }

  private void num(String id, DriftMethod m, double[] a, double[] b) {
    numeric.put(id, new NumCase(m, a, b));
  }

  private void cat(String id, DriftMethod m, String[] a, String[] b) {
    categorical.put(id, new CatCase(m, a, b));
  }

  private static String catKind(DriftMethod m) {
    return switch (m) {
      case CHI_SQUARE -> "chisquare";
      case Z_TEST -> "z";
      default -> "cat_" + m.id();
    };
  }

  private static Selection sel(DriftMethod m) {
    return new Selection(m, m.defaultThreshold());
  }

  static double[] normal(SplittableRandom rnd, int n, double mean, double sd) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
      double u = 1.0 - rnd.nextDouble();
      double v = rnd.nextDouble();
      out[i] = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
    return out;
  }

  private static double[] ints(SplittableRandom rnd, int n, int bound) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = rnd.nextInt(bound);
    }
    return out;
  }

  private static double[] round(double[] v, int digits) {
    double f = Math.pow(10, digits);
    return Arrays.stream(v).map(x -> Math.round(x * f) / f).toArray();
  }

  private static String[] cats(SplittableRandom rnd, int n, double... probs) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      int k = 0;
      double acc = probs[0];
      while (u >= acc && k < probs.length - 1) {
        acc += probs[++k];
      }
      out[i] = "c" + k;
    }
    return out;
  }

  private static double[] sorted(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s;
  }

  private static Map<String, Long> counts(String[] v) {
    Map<String, Long> m = new HashMap<>();
    for (String s : v) {
      m.merge(s, 1L, Long::sum);
    }
    return m;
  }
}
