package io.pipelens.drift.window;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JSON form of {@link MonitorState}. {@link #save} writes a temporary file and renames it, so a
 * crash never leaves a half-written state. Thread-safe.
 */
public final class MonitorStateCodec {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private MonitorStateCodec() {}

  public static String toJson(MonitorState state) throws IOException {
    return JSON.writeValueAsString(state);
  }

  public static MonitorState fromJson(String json) throws IOException {
    return JSON.readValue(json, MonitorState.class);
  }

  public static void save(MonitorState state, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), state);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static MonitorState load(Path file) throws IOException {
    return JSON.readValue(file.toFile(), MonitorState.class);
  }
}
