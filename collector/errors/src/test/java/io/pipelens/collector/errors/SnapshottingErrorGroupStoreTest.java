package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshottingErrorGroupStoreTest extends ErrorGroupStoreContract {

  @TempDir Path dir;

  @Override
  protected ErrorGroupStore newStore(ErrorStoreLimits limits) {
    return new SnapshottingErrorGroupStore(dir.resolve("errors-" + System.nanoTime() + ".json"), limits);
  }

  @Test
  void restartKeepsGroupsOccurrencesAndTraceIndex() {
    Path file = dir.resolve("state/errors.json");
    try (var first = new SnapshottingErrorGroupStore(file, ErrorStoreLimits.defaults())) {
      first.record(occ("fp1", "trace-1", "etl", Language.PYTHON, 100, "bad row 1", "E1"));
      first.record(occ("fp1", "trace-2", "etl", Language.PYTHON, 200, "bad row 2", ""));
      first.record(occ("fp2", "trace-2", "score", Language.R, 150, "no model", ""));
    }
    assertThat(file).exists();

    var second = new SnapshottingErrorGroupStore(file, ErrorStoreLimits.defaults());

    ErrorGroupDetail d = second.group("fp1").orElseThrow();
    assertThat(d.group().count()).isEqualTo(2);
    assertThat(d.group().errorCode()).isEqualTo("E1");
    assertThat(d.group().recentTraceIds()).containsExactly("trace-2", "trace-1");
    assertThat(d.recentOccurrences()).extracting(ErrorOccurrence::message).containsExactly("bad row 2", "bad row 1");
    assertThat(d.recentOccurrences().get(0).frames()).extracting(StackFrame::function).containsExactly("f");
    assertThat(second.errorsOfTrace("trace-2")).extracting(ErrorOccurrence::fingerprint).containsExactly("fp2", "fp1");
    assertThat(second.stats().occurrencesRecorded()).isEqualTo(3);
    second.record(occ("fp1", "trace-3", "etl", Language.PYTHON, 300, "bad row 3", ""));
    assertThat(second.group("fp1").orElseThrow().group().count()).isEqualTo(3);
  }

  @Test
  void corruptSnapshotFailsStartWithTheFileName() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{not json");

    assertThatThrownBy(() -> new SnapshottingErrorGroupStore(file, ErrorStoreLimits.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken.json");
  }
}
