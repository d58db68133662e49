package io.pipelens.collector.drift;

import io.pipelens.drift.retrain.RetrainGate;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.WindowVerdict;
import java.util.List;

/**
 * Drift state of one model version. Mutated only by the drift worker thread; the volatile fields
 * are read by API handlers on event loops.
 */
final class VersionState {
  final String model;
  final String version;
  /** Feature names of the first batch (the schema later batches must contain); empty until then. */
  volatile List<String> schema;
  /** Reference rows collected so far while no reference exists. */
  final PendingRows pending = new PendingRows();
  volatile DriftMonitor monitor;
  volatile long rows;
  volatile long windows;
  volatile WindowVerdict latest;
  volatile boolean dirty;
  /** Rows in the pending reference. */
  volatile int pendingRows;
  /** Consecutive windows meeting the model's retraining condition. */
  volatile RetrainGate.Streak retrainStreak = RetrainGate.Streak.NONE;
  /** Who announced this version (e.g. a retraining trigger), or null when it came with samples. */
  volatile String announcedBy;

  VersionState(String model, String version, List<String> schema) {
    this.model = model;
    this.version = version;
    this.schema = List.copyOf(schema);
  }

  void addPending(java.util.Map<String, io.pipelens.drift.dataset.Column> columns, int from, int to) {
    pending.add(columns, from, to);
    pendingRows = pending.rows();
  }

  /** The pending rows as a dataset, clearing them. */
  io.pipelens.drift.dataset.Dataset takePending() {
    io.pipelens.drift.dataset.Dataset d = pending.toDataset(schema);
    pending.clear();
    pendingRows = 0;
    return d;
  }
}
