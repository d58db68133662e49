package io.pipelens.drift.config;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.window.WindowPolicy;

/**
 * A model's drift configuration, as read by {@link DriftSettingsParser}.
 *
 * @param reference how a version's reference is built (default: its first 1000 rows)
 * @param retrain when and how to trigger retraining; null = never
 */
public record ModelDriftSettings(
    DriftConfig config, WindowPolicy window, ReferenceSettings reference, RetrainPolicy retrain) {

  public ModelDriftSettings(DriftConfig config, WindowPolicy window) {
    this(config, window, ReferenceSettings.DEFAULT, null);
  }
}
