package io.pipelens.drift.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named columns of equal length, in file order. Immutable. */
public final class Dataset {
  private final Map<String, Column> columns;
  private final int rows;

  public Dataset(List<Column> columns) {
    Map<String, Column> map = new LinkedHashMap<>();
    int n = -1;
    for (Column c : columns) {
      if (n >= 0 && c.size() != n) {
        throw new IllegalArgumentException(
            "column '" + c.name() + "' has " + c.size() + " rows, expected " + n);
      }
      n = c.size();
      if (map.put(c.name(), c) != null) {
        throw new IllegalArgumentException("duplicate column '" + c.name() + "'");
      }
    }
    this.columns = Collections.unmodifiableMap(map);
    this.rows = Math.max(n, 0);
  }

  public int rows() {
    return rows;
  }

  public List<String> columnNames() {
    return new ArrayList<>(columns.keySet());
  }

  public Optional<Column> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }
}
