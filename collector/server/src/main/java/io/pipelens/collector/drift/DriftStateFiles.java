package io.pipelens.collector.drift;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.drift.config.ModelDriftSettings;
import io.pipelens.drift.dataset.Column;
import io.pipelens.drift.retrain.RetrainGate;
import io.pipelens.drift.window.DriftMonitor;
import io.pipelens.drift.window.MonitorState;
import io.pipelens.drift.window.MonitorStateCodec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One JSON file per model version under {@code DATA_DIR/drift}: {@code <model>@<version>.json}
 * (URL-encoded names), written to a temporary file and renamed. Files of the first format (a
 * bare {@link MonitorState}) are still read.
 */
final class DriftStateFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Path dir;

  DriftStateFiles(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  void save(VersionSnapshot s) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(fileName(s.model(), s.version()));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), s);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Every saved version; throws naming the file when one cannot be read. */
  List<VersionSnapshot> loadAll() {
    List<VersionSnapshot> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        if (!f.getFileName().toString().contains("@")) {
          continue;
        }
        try {
          out.add(load(f));
        } catch (IOException | RuntimeException e) {
          throw new IllegalStateException("cannot read drift state " + f + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list drift state in " + dir + ": " + e, e);
    }
    return out;
  }

  private static VersionSnapshot load(Path f) throws IOException {
    JsonNode tree = JSON.readTree(f.toFile());
    if (tree == null || !tree.isObject()) {
      throw new IOException("expected a JSON object");
    }
    if (tree.has("reference")) {
      // first format: the monitor alone; the version comes from the file name
      MonitorState m = MonitorStateCodec.fromJson(tree.toString());
      String name = f.getFileName().toString();
      String version = java.net.URLDecoder.decode(
          name.substring(name.indexOf('@') + 1, name.length() - 5), StandardCharsets.UTF_8);
      return new VersionSnapshot(m.model(), version,
          new ArrayList<>(m.reference().features().keySet()), 0, 0, RetrainGate.Streak.NONE, null,
          null, m);
    }
    VersionSnapshot s = JSON.treeToValue(tree, VersionSnapshot.class);
    if (s.model() == null || s.version() == null || s.schema() == null) {
      throw new IOException("model, version and schema are required");
    }
    return s;
  }

  /**
   * The saved versions as live state; a restored monitor takes the model's configured settings.
   *
   * @throws IllegalStateException naming the file or model that cannot be restored
   */
  List<VersionState> restore(Clock clock, Function<String, ModelDriftSettings> settings) {
    List<VersionState> out = new ArrayList<>();
    for (VersionSnapshot snap : loadAll()) {
      VersionState s = new VersionState(snap.model(), snap.version(), snap.schema());
      s.rows = snap.rows();
      s.windows = snap.windows();
      s.announcedBy = snap.announcedBy();
      if (snap.retrainStreak() != null) {
        s.retrainStreak = snap.retrainStreak();
      }
      Map<String, Column> pending = PendingRows.columns(snap.pending());
      if (!pending.isEmpty()) {
        s.addPending(pending, 0, pending.values().iterator().next().size());
      }
      MonitorState m = snap.monitor();
      if (m != null) {
        // the configured settings win over the saved ones (the configuration may have changed)
        ModelDriftSettings cfg = settings.apply(snap.model());
        try {
          s.monitor = DriftMonitor.restore(new MonitorState(m.model(), m.reference(), cfg.config(),
              cfg.window(), m.nextIndex(), m.streak(), m.window()), clock);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("drift settings of model '" + snap.model()
              + "' do not fit its saved reference (version " + snap.version() + "): "
              + e.getMessage(), e);
        }
      }
      out.add(s);
    }
    return out;
  }

  static String fileName(String model, String version) {
    return URLEncoder.encode(model, StandardCharsets.UTF_8) + "@"
        + URLEncoder.encode(version, StandardCharsets.UTF_8) + ".json";
  }
}
