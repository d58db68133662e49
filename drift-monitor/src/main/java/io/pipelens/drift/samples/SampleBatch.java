package io.pipelens.drift.samples;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One decoded, validated {@code POST /v1/drift/samples} payload: {@code rows} rows of feature
 * columns, optionally with prediction, label and per-row trace ids.
 *
 * @param timestampUnixNano batch time in Unix epoch nanoseconds, or null (use arrival time)
 * @param traceId 32 lower-case hex digits, or null
 * @param columns feature columns by name, in payload order
 * @param prediction null when absent
 * @param label null when absent
 * @param traceIds per-row trace ids (entries may be null), or null when absent
 * @param batchId the sender's id of this batch (its re-sends carry the same id), or null
 */
public record SampleBatch(
    String model,
    String version,
    Long timestampUnixNano,
    String traceId,
    Map<String, Column> columns,
    Column prediction,
    Column label,
    List<String> traceIds,
    int rows,
    String batchId) {

  /** A batch without a sender-chosen id (never recognised as a re-send). */
  public SampleBatch(String model, String version, Long timestampUnixNano, String traceId,
      Map<String, Column> columns, Column prediction, Column label, List<String> traceIds, int rows) {
    this(model, version, timestampUnixNano, traceId, columns, prediction, label, traceIds, rows, null);
  }

  /** The feature columns as a dataset (prediction and label excluded). */
  public Dataset features() {
    return new Dataset(new ArrayList<>(columns.values()));
  }
}
