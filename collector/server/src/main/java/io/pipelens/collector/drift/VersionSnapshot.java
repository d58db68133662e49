package io.pipelens.collector.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipelens.drift.retrain.RetrainGate;
import io.pipelens.drift.window.MonitorState;
import java.util.List;
import java.util.Map;

/**
 * What {@code DATA_DIR/drift/<model>@<version>.json} holds: the monitor (null while the
 * reference is still being collected), the reference rows collected so far, and the counters.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VersionSnapshot(
    String model, String version, List<String> schema, long rows, long windows,
    RetrainGate.Streak retrainStreak, String announcedBy, Map<String, List<Object>> pending,
    MonitorState monitor) {}
