package io.pipelens.collector.drift;

import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.dataset.ColumnValues;
import io.pipelens.drift.dataset.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample rows collected for a version's reference until there are enough. Keeps the decoded
 * batch columns (no copy) and the row range taken from each; can be saved as columnar JSON values
 * and restored, so a restart resumes the collection. Drift worker thread only.
 */
final class PendingRows {
  private record Chunk(Map<String, Column> columns, int from, int to) {}

  private final List<Chunk> chunks = new ArrayList<>();
  private int rows;

  void add(Map<String, Column> columns, int from, int to) {
    if (to > from) {
      chunks.add(new Chunk(columns, from, to));
      rows += to - from;
    }
  }

  int rows() {
    return rows;
  }

  void clear() {
    chunks.clear();
    rows = 0;
  }

  /** The rows of the schema's columns as one dataset (a column absent from a batch is missing). */
  Dataset toDataset(List<String> schema) {
    List<Column> out = new ArrayList<>();
    for (String name : schema) {
      ColumnValues values = new ColumnValues(name);
      for (Chunk chunk : chunks) {
        Column c = chunk.columns().get(name);
        for (int r = chunk.from(); r < chunk.to(); r++) {
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
      }
      out.add(values.build());
    }
    return new Dataset(out);
  }

  /** Column name to values (Double, String or null), for the state file. */
  Map<String, List<Object>> toValues(List<String> schema) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String name : schema) {
      List<Object> values = new ArrayList<>(rows);
      for (Chunk chunk : chunks) {
        Column c = chunk.columns().get(name);
        for (int r = chunk.from(); r < chunk.to(); r++) {
          if (c == null) {
            values.add(null);
          } else if (c.numeric()) {
            double v = c.number(r);
            values.add(Double.isNaN(v) ? null : v);
          } else {
            values.add(c.key(r));
          }
        }
      }
      out.put(name, values);
    }
    return out;
  }

  /** The inverse of {@link #toValues}: the saved values as columns (empty map for none). */
  static Map<String, Column> columns(Map<String, List<Object>> values) {
    Map<String, Column> columns = new LinkedHashMap<>();
    if (values == null) {
      return columns;
    }
    int n = -1;
    for (var e : values.entrySet()) {
      ColumnValues c = new ColumnValues(e.getKey());
      for (Object v : e.getValue()) {
        if (v == null) {
          c.addMissing();
        } else if (v instanceof Number num) {
          c.addNumber(num.doubleValue());
        } else {
          c.addText(v.toString());
        }
      }
      if (n >= 0 && c.size() != n) {
        throw new IllegalArgumentException("pending column '" + e.getKey() + "' has " + c.size()
            + " rows, expected " + n);
      }
      n = c.size();
      columns.put(e.getKey(), c.build());
    }
    return columns;
  }
}
