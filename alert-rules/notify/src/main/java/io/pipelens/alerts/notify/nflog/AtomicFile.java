package io.pipelens.alerts.notify.nflog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pipelens.alerts.notify.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** JSON state files written to a temporary file and renamed, so a crash never leaves half a file. */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path path, Object value) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write notification state " + path, e);
    }
  }

  /** Returns null when the file does not exist. @throws IllegalStateException if it is corrupt */
  public static <T> T read(Path path, TypeReference<T> type) {
    if (!Files.exists(path)) return null;
    try {
      return Json.MAPPER.readValue(path.toFile(), type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read notification state " + path + ": " + e.getMessage(), e);
    }
  }
}
