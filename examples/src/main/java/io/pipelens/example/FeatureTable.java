package io.pipelens.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The feature CSV the Python job writes (plain comma-separated, header row, no quoting). */
record FeatureTable(List<String> columns, List<Map<String, Object>> rows) {

  static FeatureTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty, expected a header row");
    }
    List<String> columns = List.of(lines.get(0).split(",", -1));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != columns.size()) {
        throw new IOException(file + ": line " + (i + 1) + " has " + cells.length
            + " fields, expected " + columns.size());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 0; c < cells.length; c++) {
        row.put(columns.get(c), cell(cells[c]));
      }
      rows.add(row);
    }
    return new FeatureTable(columns, rows);
  }

  private static Object cell(String raw) {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      return raw;
    }
  }
}
