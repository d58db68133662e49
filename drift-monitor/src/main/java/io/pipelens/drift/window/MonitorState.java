package io.pipelens.drift.window;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.reference.ReferenceProfile;

/**
 * Everything a {@link DriftMonitor} needs to resume after a restart; plain records, written and
 * read as JSON by {@link MonitorStateCodec}.
 *
 * @param nextIndex index the open window will get when it closes
 * @param streak consecutive drifted windows so far
 * @param window the open window, or null if none is open
 */
public record MonitorState(
    String model, ReferenceProfile reference, DriftConfig config, WindowPolicy policy,
    long nextIndex, int streak, ModelWindowState window) {}
