package io.pipelens.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

class TriggerAuditLogTest {
  @Test
  void recordsSurviveReopeningAndATornLastLineIsSkipped() throws Exception {
    Path file = Files.createTempDirectory("pipelens-audit").resolve("drift/triggers.jsonl");
    RetrainEvent e = RetrainActionContract.event();
    new TriggerAuditLog(file).append(TriggerRecord.of(e, "command",
        new ActionResult(ActionResult.FAILURE, 2, 1, "exit code 2", "", "boom\n", null)));
    new TriggerAuditLog(file).append(TriggerRecord.of(
        new RetrainEvent("t2", "other", "1", 5, e.reason(), e.traceparent()), "webhook",
        ActionResult.of(ActionResult.SUCCESS, 2, "HTTP 200")));
    Files.writeString(file, "{\"triggerId\":\"t3\",\"mod", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    TriggerAuditLog log = new TriggerAuditLog(file);
    assertThat(log.read(null)).hasSize(2);
    TriggerRecord r = log.read("churn").get(0);
    assertThat(r.triggerId()).isEqualTo(e.triggerId());
    assertThat(r.time()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderrTail()).isEqualTo("boom\n");
    assertThat(r.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(r.reason().path("features").get(0).path("pValue").asDouble()).isEqualTo(1.5e-9);
    assertThat(log.read("other").get(0).attempts()).isEqualTo(2);
  }
}
