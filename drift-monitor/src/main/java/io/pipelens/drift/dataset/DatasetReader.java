package io.pipelens.drift.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a dataset by file extension: .csv, or .jsonl/.ndjson/.json (JSON lines). */
public final class DatasetReader {
  private DatasetReader() {}

  public static Dataset read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DatasetFormatException(file + ": no such file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CsvReader.read(file);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JsonLinesReader.read(file);
    }
    throw new DatasetFormatException(
        file + ": unknown format, expected a .csv or .jsonl (JSON lines) file");
  }
}
