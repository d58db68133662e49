package io.pipelens.alerts.rules.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.alerts.rules.eval.AlertSnapshot;
import io.pipelens.alerts.rules.eval.AlertSnapshotJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alert state of every group in one JSON file, {@code {"groups":{"file;group":{snapshot}}}}, so a
 * restart neither fires an alert again (firing stays firing with its start time) nor forgets how
 * long a pending alert has waited. Written atomically (temp file + rename) whenever a group's
 * state changed. Thread-safe.
 */
final class AlertStateFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, String> groups = new LinkedHashMap<>();

  private AlertStateFile(Path file) {
    this.file = file;
  }

  /**
   * Reads the file if it exists.
   *
   * @throws IllegalStateException naming the file when it exists but cannot be read as alert state
   */
  static AlertStateFile open(Path file) {
    AlertStateFile s = new AlertStateFile(file);
    if (!Files.exists(file)) {
      return s;
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.path("groups").isObject()) {
        throw new IllegalArgumentException("expected an object with \"groups\"");
      }
      root.get("groups").fields().forEachRemaining(e -> {
        String text = e.getValue().toString();
        AlertSnapshotJson.read(text); // validates
        s.groups.put(e.getKey(), text);
      });
      return s;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the alert state file " + file + ": " + e.getMessage()
          + " (move it away to start with no alert state)", e);
    }
  }

  synchronized AlertSnapshot get(String groupKey) {
    String s = groups.get(groupKey);
    return s == null ? null : AlertSnapshotJson.read(s);
  }

  /** Records a group's state; writes the file when it changed. */
  synchronized void put(String groupKey, AlertSnapshot snapshot) {
    String text = AlertSnapshotJson.write(snapshot);
    if (text.equals(groups.get(groupKey))) {
      return;
    }
    groups.put(groupKey, text);
    write();
  }

  /** Forgets groups that no longer exist. */
  synchronized void retain(java.util.Set<String> groupKeys) {
    if (groups.keySet().retainAll(groupKeys)) {
      write();
    }
  }

  private void write() {
    try {
      ObjectNode root = JSON.createObjectNode();
      ObjectNode g = root.putObject("groups");
      Map<String, String> copy = new HashMap<>(groups);
      for (var e : new java.util.TreeMap<>(copy).entrySet()) {
        g.set(e.getKey(), JSON.readTree(e.getValue()));
      }
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the alert state file " + file + ": " + e.getMessage(), e);
    }
  }
}
