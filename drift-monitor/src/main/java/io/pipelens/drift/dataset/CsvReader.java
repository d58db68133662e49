package io.pipelens.drift.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads a CSV file with a header row (RFC 4180: comma separated, double-quoted fields may hold
 * commas, quotes as "" and line breaks; CRLF or LF). Every row must have as many fields as the
 * header. Missing values: see {@link CategoryKeys#MISSING}.
 */
public final class CsvReader {
  private CsvReader() {}

  public static Dataset read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  public static Dataset read(Reader reader, String source) throws IOException {
    Tokenizer t = new Tokenizer(reader, source);
    List<String> header = t.nextRecord();
    if (header == null) {
      throw new DatasetFormatException(source + ": empty file, expected a header row");
    }
    List<ColumnBuilder> builders = new ArrayList<>();
    var seen = new HashSet<String>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        throw new DatasetFormatException(source + ": header column " + (i + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw new DatasetFormatException(source + ": duplicate header column '" + name + "'");
      }
      builders.add(new ColumnBuilder(name));
    }
    List<String> record;
    while ((record = t.nextRecord()) != null) {
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // blank line
      }
      if (record.size() != builders.size()) {
        throw new DatasetFormatException(
            source + ": line " + t.recordLine + " has " + record.size() + " fields, header has "
                + builders.size());
      }
      for (int i = 0; i < record.size(); i++) {
        builders.get(i).addToken(record.get(i));
      }
    }
    return new Dataset(builders.stream().map(ColumnBuilder::build).toList());
  }

  private static final class Tokenizer {
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private final String source;
    private final StringBuilder field = new StringBuilder();
    private int line = 1;
    int recordLine;
    private boolean eof;

    Tokenizer(Reader in, String source) {
      this.in = in;
      this.source = source;
    }

    private int read() throws IOException {
      if (pos == len) {
        // keep the last char so one unread after a refill still works
        if (len > 0) {
          buf[0] = buf[len - 1];
          pos = 1;
        } else {
          pos = 0;
        }
        int n = in.read(buf, pos, buf.length - pos);
        if (n <= 0) {
          len = pos;
          return -1;
        }
        len = pos + n;
      }
      return buf[pos++];
    }

    List<String> nextRecord() throws IOException {
      if (eof) {
        return null;
      }
      recordLine = line;
      List<String> out = new ArrayList<>();
      field.setLength(0);
      boolean quoted = false;
      boolean any = false;
      while (true) {
        int c = read();
        if (c < 0) {
          eof = true;
          if (quoted) {
            throw new DatasetFormatException(
                source + ": line " + recordLine + ": quoted field not closed before end of file");
          }
          if (!any && out.isEmpty()) {
            return null;
          }
          out.add(field.toString());
          return out;
        }
        any = true;
        if (quoted) {
          if (c == '"') {
            int next = read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next >= 0) {
                pos--; // unread: read() never refills before a char was consumed
              }
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == ',') {
          out.add(field.toString());
          field.setLength(0);
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
        } else if (c == '\n') {
          line++;
          out.add(field.toString());
          return out;
        } else if (c != '\r') {
          field.append((char) c);
        }
      }
    }
  }
}
