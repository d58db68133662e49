package io.pipelens.drift.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON lines: one flat JSON object per line, field name = column. Numbers are numeric
 * values, strings and booleans are categories (a string that is a number counts as one), null or
 * an absent field is missing. Blank lines are skipped. Nested objects or arrays are rejected.
 */
public final class JsonLinesReader {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonLinesReader() {}

  public static Dataset read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  public static Dataset read(Reader reader, String source) throws IOException {
    BufferedReader in = new BufferedReader(reader, 1 << 16);
    Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
    int rows = 0;
    int lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try (JsonParser p = JSON.createParser(line)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new DatasetFormatException(source + ": line " + lineNo + ": expected a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          ColumnBuilder b = columns.get(name);
          if (b == null) {
            b = new ColumnBuilder(name);
            for (int i = 0; i < rows; i++) {
              b.addMissing();
            }
            columns.put(name, b);
          }
          if (b.size() > rows) {
            throw new DatasetFormatException(
                source + ": line " + lineNo + ": field '" + name + "' appears twice");
          }
          switch (v) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> b.addNumber(p.getDoubleValue());
            case VALUE_STRING -> b.addToken(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> b.addText(p.getText());
            case VALUE_NULL -> b.addMissing();
            default -> throw new DatasetFormatException(
                source + ": line " + lineNo + ": field '" + name
                    + "' must be a number, string, boolean or null, got " + v.asString());
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new DatasetFormatException(
            source + ": line " + lineNo + ": invalid JSON: " + e.getOriginalMessage());
      }
      rows++;
      for (ColumnBuilder b : columns.values()) {
        if (b.size() < rows) {
          b.addMissing();
        }
      }
    }
    return new Dataset(new ArrayList<>(columns.values()).stream().map(ColumnBuilder::build).toList());
  }
}
