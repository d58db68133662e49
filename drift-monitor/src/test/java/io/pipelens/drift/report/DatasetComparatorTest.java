package io.pipelens.drift.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodChoice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetComparatorTest {
  private static Dataset data(int rows, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[rows];
    double[] level = new double[rows];
    String[] city = new String[rows];
    double[] empty = new double[rows];
    for (int i = 0; i < rows; i++) {
      x[i] = r.nextDouble() + shift;
      level[i] = r.nextInt(3); // numeric, but only 3 distinct values
      city[i] = "c" + r.nextInt(4);
    }
    Arrays.fill(empty, Double.NaN);
    return new Dataset(List.of(Column.ofNumbers("x", x), Column.ofNumbers("level", level),
        Column.ofCategories("city", city), Column.ofNumbers("empty", empty)));
  }

  @Test
  void smallReferenceGetsTestsLargeReferenceGetsDistances() {
    DriftReport small = DatasetComparator.compare(data(1000, 1, 0), data(500, 2, 0), DriftConfig.DEFAULTS, List.of());
    assertThat(small.features()).extracting(FeatureDrift::method)
        .containsExactly(DriftMethod.KS, DriftMethod.CHI_SQUARE, DriftMethod.CHI_SQUARE, null);
    assertThat(small.features().get(1).type()).isEqualTo(FeatureType.CATEGORICAL);
    DriftReport large = DatasetComparator.compare(data(1001, 1, 0), data(500, 2, 0), DriftConfig.DEFAULTS, List.of());
    assertThat(large.features()).extracting(FeatureDrift::method)
        .containsExactly(DriftMethod.WASSERSTEIN, DriftMethod.JENSEN_SHANNON, DriftMethod.JENSEN_SHANNON, null);
  }

  @Test
  void allMissingColumnIsSkippedAndNotCounted() {
    DriftReport r = DatasetComparator.compare(data(300, 1, 0.5), data(300, 2, 0), DriftConfig.DEFAULTS, List.of());
    FeatureDrift empty = r.features().get(3);
    assertThat(empty.evaluated()).isFalse();
    assertThat(empty.note()).isEqualTo("no non-missing values in reference");
    assertThat(r.evaluated()).isEqualTo(3);
    assertThat(r.drifted()).isEqualTo(1);
    assertThat(ReportFormatter.table(r)).contains("skipped: no non-missing values in reference");
    assertThat(ReportFormatter.json(r))
        .contains("\"note\" : \"no non-missing values in reference\"")
        .doesNotContain("NaN");
  }

  @Test
  void perFeatureOverridesAndShareThreshold() {
    DriftConfig config = new DriftConfig(MethodChoice.AUTO,
        Map.of("x", new MethodChoice(DriftMethod.PSI, 50.0), "level", new MethodChoice(DriftMethod.KS, null)),
        0.25, 1000, 5);
    DriftReport r = DatasetComparator.compare(data(300, 1, 0.5), data(300, 2, 0), config, List.of("x", "level", "city"));
    FeatureDrift x = r.features().get(0);
    assertThat(x.method()).isEqualTo(DriftMethod.PSI);
    assertThat(x.threshold()).isEqualTo(50.0);
    assertThat(x.statistic()).isGreaterThan(DriftMethod.PSI.defaultThreshold());
    assertThat(x.drifted()).isFalse(); // PSI is large but below the raised threshold
    assertThat(r.features().get(1).method()).isEqualTo(DriftMethod.KS); // explicit: stays numeric
    assertThat(r.features().get(1).type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(r.shareThreshold()).isEqualTo(0.25);
  }

  @Test
  void unsuitableMethodNamesTheFeature() {
    DriftConfig config = DriftConfig.DEFAULTS.withDefaults(new MethodChoice(DriftMethod.WASSERSTEIN, null));
    assertThatThrownBy(() -> DatasetComparator.compare(data(100, 1, 0), data(100, 2, 0), config, List.of("city")))
        .hasMessage("method 'wasserstein' cannot compare categorical feature 'city'");
  }
}
