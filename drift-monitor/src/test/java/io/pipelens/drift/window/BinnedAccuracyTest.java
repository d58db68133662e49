package io.pipelens.drift.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.DriftMethod;
import io.pipelens.drift.method.MethodSelector.Selection;
import io.pipelens.drift.reference.ProfileOptions;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.stats.KsTest;
import io.pipelens.drift.stats.Wasserstein;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 100k-row reference and 60k-row windows: far above the raw limit, so both are compared from
 * 2000 quantile bins. Binned results stay within their error bounds of the exact values, real
 * drift is seen and no drift is not flagged.
 */
class BinnedAccuracyTest {
  private final Dataset referenceData = new Streams(11, 0, 0.5).dataset(100_000);
  private final ReferenceProfile reference =
      ReferenceProfile.of(referenceData, List.of(), ProfileOptions.DEFAULTS, "big");

  @Test
  void referenceIsSummarisedNotKept() {
    assertThat(reference.features().get("x").numeric().exact()).isFalse();
    assertThat(reference.features().get("x").numeric().edges()).hasSize(2001);
  }

  @Test
  void wassersteinWithinBoundNoDriftQuietDriftSeen() {
    for (double shift : new double[] {0, 0.15}) {
      Filled w = window(new Streams(12, shift, 0.5), 60_000);
      FeatureDrift binned = BinnedNumericDrift.compute("x", sel(DriftMethod.WASSERSTEIN),
          reference.features().get("x").numeric(), w.window().numeric().get("x"));
      double exact = Wasserstein.normedSorted(sorted(referenceData, "x"), w.sortedX());
      assertThat(binned.approximate()).isTrue();
      assertThat(binned.errorBound()).isLessThan(0.01);
      assertThat(binned.statistic()).isCloseTo(exact, within(binned.errorBound()));
      assertThat(binned.drifted()).isEqualTo(shift > 0);
    }
  }

  @Test
  void binnedKsNeverExceedsExactAndKeepsItsVerdict() {
    for (double shift : new double[] {0, 0.05}) {
      Filled w = window(new Streams(13, shift, 0.5), 60_000);
      FeatureDrift binned = BinnedNumericDrift.compute("x", sel(DriftMethod.KS),
          reference.features().get("x").numeric(), w.window().numeric().get("x"));
      double exactD = KsTest.statisticSorted(sorted(referenceData, "x"), w.sortedX());
      assertThat(binned.statistic()).isLessThanOrEqualTo(exactD + 1e-12);
      assertThat(exactD - binned.statistic()).isLessThan(0.002);
      assertThat(binned.drifted()).isEqualTo(shift > 0);
    }
  }

  @Test
  void monitorUsesBinsForLargeWindowsAndStateStaysBounded() throws Exception {
    DriftMonitor m = new DriftMonitor("churn", reference, DriftConfig.DEFAULTS, WindowPolicy.byRows(1_000_000, 1000, 1),
        java.time.Clock.systemUTC());
    Streams traffic = new Streams(14, 0, 0.5);
    for (int i = 0; i < 20; i++) {
      m.accept(traffic.batch(5000, null));
    }
    int after100k = MonitorStateCodec.toJson(m.snapshot()).length();
    for (int i = 0; i < 40; i++) {
      m.accept(traffic.batch(5000, null));
    }
    int after300k = MonitorStateCodec.toJson(m.snapshot()).length();
    assertThat((double) after300k / after100k).isBetween(0.9, 1.1);
    assertThat(after300k).isLessThan(1_000_000);
  }

  /** A filled window and its exact sorted x values (which the window itself no longer holds). */
  private record Filled(ModelWindow window, double[] sortedX) {}

  private Filled window(Streams s, int rows) {
    ModelWindow w = new ModelWindow(reference, 0);
    Map<String, Column> cols = s.columns(rows);
    w.add(cols, 0, rows);
    assertThat(w.numeric().get("x").exact()).isFalse();
    return new Filled(w, cols.get("x").sortedNumbers());
  }

  private static double[] sorted(Dataset d, String col) {
    return d.column(col).orElseThrow().sortedNumbers();
  }

  private static Selection sel(DriftMethod m) {
    return new Selection(m, m.defaultThreshold());
  }
}
