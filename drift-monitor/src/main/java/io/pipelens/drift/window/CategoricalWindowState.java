package io.pipelens.drift.window;

import java.util.Map;

/** Serialisable state of one categorical feature's window: exact category counts. */
public record CategoricalWindowState(long missing, Map<String, Long> counts) {}
