package io.pipelens.drift.retrain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record of every retraining trigger: JSON lines ({@link TriggerRecord}), one per
 * action, appended and forced to disk before {@link #append} returns. A torn last line (crash
 * mid-write) is skipped when reading. Thread-safe; blocking I/O.
 */
public final class TriggerAuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerAuditLog.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Path file;

  public TriggerAuditLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public synchronized void append(TriggerRecord r) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] line = (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
  }

  /** Every record, oldest first; {@code model} null for all models. */
  public synchronized List<TriggerRecord> read(String model) throws IOException {
    List<TriggerRecord> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          TriggerRecord r = JSON.readValue(line, TriggerRecord.class);
          if (model == null || model.equals(r.model())) {
            out.add(r);
          }
        } catch (IOException e) {
          LOG.warn("skipping unreadable line {} of {}: {}", n, file, e.getMessage());
        }
      }
    }
    return out;
  }
}
