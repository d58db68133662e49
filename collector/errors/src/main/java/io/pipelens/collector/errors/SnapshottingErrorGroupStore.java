package io.pipelens.collector.errors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * An {@link InMemoryErrorGroupStore} that survives restarts through a JSON snapshot file: the
 * constructor loads the file when it exists, {@link #snapshot()} writes it (to a temporary file
 * then an atomic rename, so a crash mid-write leaves the previous snapshot intact) and {@link
 * #close()} writes a last one. The owner calls {@link #snapshot()} periodically from a worker
 * thread (it does file I/O); occurrences recorded after the last snapshot are lost on a crash.
 *
 * <p>Why a snapshot rather than DuckDB: groups are small, bounded and read far more than
 * written; keeping them in memory keeps queries trivially fast and the file is human-readable.
 */
public final class SnapshottingErrorGroupStore implements ErrorGroupStore, AutoCloseable {

  static final int FORMAT_VERSION = 1;

  private final InMemoryErrorGroupStore delegate;
  private final Path file;
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Snapshot file content. */
  record Snapshot(int version, long recorded, long evicted, List<ErrorGroupDetail> groups) {}

  /**
   * Opens the store, loading {@code file} when present.
   *
   * @throws IllegalStateException naming the file when it exists but cannot be read or parsed
   */
  public SnapshottingErrorGroupStore(Path file, ErrorStoreLimits limits) {
    this.file = file;
    this.delegate = new InMemoryErrorGroupStore(limits);
    if (Files.exists(file)) {
      try {
        Snapshot s = json.readValue(file.toFile(), Snapshot.class);
        if (s.version() != FORMAT_VERSION) {
          throw new IllegalStateException("error group snapshot " + file + " has format version "
              + s.version() + ", expected " + FORMAT_VERSION);
        }
        delegate.restore(s.groups() == null ? List.of() : s.groups(), s.recorded(), s.evicted());
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read error group snapshot " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Writes the current groups to the snapshot file. Blocking file I/O. */
  public void snapshot() {
    Snapshot s = delegate.export();
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      try {
        json.writeValue(tmp.toFile(), s);
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write error group snapshot " + file, e);
    }
  }

  @Override
  public void record(ErrorOccurrence occurrence) {
    delegate.record(occurrence);
  }

  @Override
  public List<ErrorGroup> groups(ErrorGroupQuery query) {
    return delegate.groups(query);
  }

  @Override
  public Optional<ErrorGroupDetail> group(String fingerprint) {
    return delegate.group(fingerprint);
  }

  @Override
  public List<ErrorOccurrence> errorsOfTrace(String traceId) {
    return delegate.errorsOfTrace(traceId);
  }

  @Override
  public ErrorStoreStats stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    snapshot();
  }
}
