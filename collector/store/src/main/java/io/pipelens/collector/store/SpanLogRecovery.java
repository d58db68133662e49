package io.pipelens.collector.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the span log at start-up: checks every record's length and CRC32C, hands the records after
 * the loaded position to a consumer in log order, and truncates a torn last record (a write cut
 * short by a crash: it was never acknowledged; only zeros, preallocated space, may follow it) and
 * the preallocated zeros after the last record. A bad record anywhere else is corruption of
 * acknowledged data and fails with the file and offset.
 */
final class SpanLogRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(SpanLogRecovery.class);

  /** A valid record: its payload and where it ends in the log. */
  interface RecordConsumer {
    void accept(Path file, long offset, byte[] payload, long endPosition) throws StoreException;
  }

  /** The segments found (start position to file) and the log's end after truncation. */
  record Result(TreeMap<Long, Path> segments, long end) {}

  private SpanLogRecovery() {}

  static Result recover(Path dir, long loadedPosition, RecordConsumer consumer)
      throws StoreException {
    TreeMap<Long, Path> segments = list(dir);
    if (segments.isEmpty()) {
      return new Result(segments, loadedPosition);
    }
    long first = segments.firstKey();
    if (first > loadedPosition) {
      throw new StoreException("span log " + dir + " starts at position " + first
          + " (file " + segments.firstEntry().getValue().getFileName()
          + ") but the store has loaded only up to " + loadedPosition
          + ": a segment file is missing, spans in between would be lost");
    }
    long expected = first;
    long end = first;
    for (var e : segments.entrySet()) {
      if (e.getKey() != expected) {
        throw new StoreException("span log segment " + e.getValue() + " starts at position "
            + e.getKey() + " but the previous segment ends at " + expected);
      }
      boolean last = e.getKey().equals(segments.lastKey());
      end = scan(e.getValue(), e.getKey(), last, loadedPosition, consumer);
      expected = end;
    }
    return new Result(segments, end);
  }

  private static long scan(Path file, long start, boolean last, long loaded, RecordConsumer consumer)
      throws StoreException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      long offset = 0;
      ByteBuffer header = ByteBuffer.allocate(SpanLogFiles.HEADER_BYTES);
      while (offset < size) {
        String problem = null;
        int length = 0;
        byte[] payload = null;
        if (size - offset < SpanLogFiles.HEADER_BYTES) {
          problem = "a record header cut short";
        } else {
          header.clear();
          readFully(ch, header, offset);
          header.flip();
          length = header.getInt();
          int crc = header.getInt();
          if (length <= 0 || length > size - offset - SpanLogFiles.HEADER_BYTES) {
            problem = "record length " + length + " beyond the file's end or not positive";
          } else {
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(ch, body, offset + SpanLogFiles.HEADER_BYTES);
            payload = body.array();
            if (SpanLogFiles.crc(payload) != crc) {
              problem = "CRC32C mismatch in a record of " + length + " bytes";
            }
          }
        }
        if (problem != null) {
          if (last && length == 0 && onlyZeros(ch, offset, size)) {
            // The zeros written ahead of the records (SpanLogFiles.PREALLOCATE_BYTES).
            LOG.debug("span log {}: {} bytes of preallocated space after the last record, cut",
                file, size - offset);
            ch.truncate(offset);
            ch.force(true);
            return start + offset;
          }
          // A torn write is the last thing in the file: past it there is nothing, or only the
          // preallocated zeros.
          long after = length > 0 && length <= size - offset - SpanLogFiles.HEADER_BYTES
              ? offset + SpanLogFiles.HEADER_BYTES + length
              : Math.min(size, offset + SpanLogFiles.HEADER_BYTES);
          boolean reachesEnd = size - offset < SpanLogFiles.HEADER_BYTES
              || length > size - offset - SpanLogFiles.HEADER_BYTES
              || onlyZeros(ch, after, size);
          if (last && reachesEnd) {
            LOG.warn("span log {}: torn last record at offset {} ({}), truncating {} bytes;"
                + " it was never acknowledged", file, offset, problem, size - offset);
            ch.truncate(offset);
            ch.force(true);
            return start + offset;
          }
          throw new StoreException("span log corrupt: file " + file + " offset " + offset + ": "
              + problem + ", with acknowledged data after it. Move the file away to start"
              + " without the spans it holds");
        }
        long recordStart = start + offset;
        long recordEnd = recordStart + SpanLogFiles.HEADER_BYTES + length;
        if (recordEnd > loaded) {
          if (recordStart < loaded) {
            throw new StoreException("span log " + file + " offset " + offset + ": the store's"
                + " loaded position " + loaded + " lies inside a record (" + recordStart + "-"
                + recordEnd + "); the log does not belong to this store");
          }
          consumer.accept(file, offset, payload, recordEnd);
        }
        offset += SpanLogFiles.HEADER_BYTES + length;
      }
      return start + offset;
    } catch (IOException e) {
      throw new StoreException("span log: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean onlyZeros(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    for (long pos = from; pos < size; ) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return true;
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) != 0) {
          return false;
        }
      }
      pos += n;
    }
    return true;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      pos += n;
    }
  }

  static TreeMap<Long, Path> list(Path dir) throws StoreException {
    TreeMap<Long, Path> segments = new TreeMap<>();
    try {
      Files.createDirectories(dir);
      List<Path> files = new ArrayList<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(files::add);
      }
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(SpanLogFiles.SUFFIX)) {
          String digits = name.substring(0, name.length() - SpanLogFiles.SUFFIX.length());
          try {
            segments.put(Long.parseLong(digits), f);
          } catch (NumberFormatException e) {
            throw new StoreException("span log " + dir + ": unexpected file " + name
                + " (segments are named <start position>" + SpanLogFiles.SUFFIX + ")");
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException("span log: cannot list " + dir + ": " + e.getMessage(), e);
    }
    return segments;
  }
}
