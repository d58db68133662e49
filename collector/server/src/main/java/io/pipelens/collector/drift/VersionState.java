package io.pipelens.collector.drift;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.ColumnValues;
import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.WindowVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift state of one model version. Mutated only by the drift worker thread; the volatile fields
 * are read by API handlers on event loops.
 */
final class VersionState {
  final String model;
  final String version;
  /** Feature names of the first batch (the schema later batches must contain). */
  final List<String> schema;
  /** Reference rows collected so far while no reference exists. */
  private Map<String, ColumnValues> pending;
  volatile DriftMonitor monitor;
  volatile long rows;
  volatile long windows;
  volatile WindowVerdict latest;
  volatile boolean dirty;
  /** Rows in the pending reference. */
  volatile int pendingRows;

  VersionState(String model, String version, List<String> schema) {
    this.model = model;
    this.version = version;
    this.schema = List.copyOf(schema);
  }

  /** Appends rows [from, to) of the batch's schema columns to the pending reference. */
  void addPending(Map<String, Column> columns, int from, int to) {
    if (pending == null) {
      pending = new LinkedHashMap<>();
      schema.forEach(name -> pending.put(name, new ColumnValues(name)));
    }
    pending.forEach((name, values) -> {
      Column c = columns.get(name);
      for (int r = from; r < to; r++) {
        if (c == null) {
          values.addMissing();
        } else if (c.numeric()) {
          values.addNumber(c.number(r));
        } else {
          String key = c.key(r);
          if (key == null) {
            values.addMissing();
          } else {
            values.addText(key);
          }
        }
      }
    });
    pendingRows += to - from;
  }


  /** The pending rows as a dataset, clearing them. */
  Dataset takePending() {
    List<Column> cols = new ArrayList<>();
    if (pending != null) {
      pending.values().forEach(v -> cols.add(v.build()));
    }
    pending = null;
    pendingRows = 0;
    return new Dataset(cols);
  }
}
