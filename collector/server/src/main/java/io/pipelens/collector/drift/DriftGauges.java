package io.pipelens.collector.drift;

import io.pipelens.collector.series.Labels;
import io.pipelens.collector.series.MetricMetadata;
import io.pipelens.collector.series.MetricType;
import io.pipelens.collector.series.SeriesStore;
import io.pipelens.drift.report.DriftReport;
import io.pipelens.drift.report.FeatureDrift;
import java.time.Clock;

/** The pipelens_drift_* gauges of a version's latest window, in the collector's series store. */
final class DriftGauges {
  static final String SCORE = "pipelens_drift_score";
  static final String THRESHOLD = "pipelens_drift_threshold";
  static final String DETECTED = "pipelens_drift_detected";
  static final String SHARE = "pipelens_drift_dataset_share";

  private final SeriesStore series;
  private final Clock clock;

  DriftGauges(SeriesStore series, Clock clock) {
    this.series = series;
    this.clock = clock;
    series.describe(new MetricMetadata(SCORE, MetricType.GAUGE,
        "Latest drift statistic of a feature: p-value (tests) or distance.", ""));
    series.describe(new MetricMetadata(THRESHOLD, MetricType.GAUGE,
        "Threshold of the feature's drift method.", ""));
    series.describe(new MetricMetadata(DETECTED, MetricType.GAUGE,
        "1 when the latest window of the feature drifted, else 0.", ""));
    series.describe(new MetricMetadata(SHARE, MetricType.GAUGE,
        "Share of drifted features in the latest window (0-1).", ""));
  }

  /** Skipped features (no method) get no series. */
  synchronized void publish(VersionState s, DriftReport report) {
    long now = clock.millis();
    Labels base = Labels.of("model", s.model, "version", s.version);
    series.append(base.with(Labels.NAME, SHARE), now, report.driftShare());
    for (FeatureDrift f : report.features()) {
      if (!f.evaluated()) {
        continue;
      }
      Labels l = base.with("feature", f.feature()).with("method", f.method().id());
      series.append(l.with(Labels.NAME, SCORE), now, f.score());
      series.append(l.with(Labels.NAME, THRESHOLD), now, f.threshold());
      series.append(l.with(Labels.NAME, DETECTED), now, f.drifted() ? 1 : 0);
    }
  }
}
