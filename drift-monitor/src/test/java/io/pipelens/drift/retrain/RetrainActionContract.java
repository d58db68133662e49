package io.pipelens.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every retraining action must do: hand the model, version, the drift statistics and the
 * trigger's traceparent to the peer that starts retraining, and report (never throw) a failure
 * of that peer. Each implementation's test extends this with a real peer.
 */
abstract class RetrainActionContract {
  static final ObjectMapper JSON = new ObjectMapper();

  /** What the peer received: the traceparent and a JSON body with model, version and reason. */
  record Delivery(String traceparent, JsonNode body) {}

  /** An action aimed at a working peer. */
  protected abstract RetrainAction working() throws Exception;

  /** An action aimed at a peer that is down or refuses. */
  protected abstract RetrainAction broken() throws Exception;

  /** Waits (bounded) for what the working peer received. */
  protected abstract Delivery received() throws Exception;

  static RetrainEvent event() {
    ObjectNode reason = JSON.createObjectNode().put("cause", "dataset_drift").put("driftShare", 0.667);
    reason.putArray("features").addObject().put("feature", "age").put("method", "ks")
        .put("pValue", 1.5e-9).put("drifted", true);
    return new RetrainEvent(UUID.randomUUID().toString(), "churn", "3", 1_700_000_000_000L, reason,
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void peerReceivesModelVersionStatisticsAndTraceparent() throws Exception {
    RetrainEvent e = event();
    ActionResult r = working().run(e);
    assertThat(r.outcome()).as(r.toString()).isEqualTo(ActionResult.SUCCESS);
    Delivery d = received();
    assertThat(d.traceparent()).isEqualTo(e.traceparent());
    assertThat(d.body().path("model").asText()).isEqualTo("churn");
    assertThat(d.body().path("version").asText()).isEqualTo("3");
    assertThat(d.body().path("reason")).isEqualTo(e.reason());
  }

  @Test
  void failingPeerIsReportedNotThrown() throws Exception {
    ActionResult r = broken().run(event());
    assertThat(r.outcome()).isIn(ActionResult.FAILURE, ActionResult.TIMEOUT);
    assertThat(r.detail()).isNotBlank();
  }
}
