package io.pipelens.drift.config;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.window.WindowPolicy;

/** A model's drift configuration and window policy, as read by {@link DriftSettingsParser}. */
public record ModelDriftSettings(DriftConfig config, WindowPolicy window) {}
