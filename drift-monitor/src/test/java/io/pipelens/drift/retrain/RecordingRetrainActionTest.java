package io.pipelens.drift.retrain;

import com.fasterxml.jackson.databind.node.ObjectNode;

class RecordingRetrainActionTest extends RetrainActionContract {
  private final RecordingRetrainAction working = new RecordingRetrainAction(ActionResult.SUCCESS);

  @Override
  protected RetrainAction working() {
    return working;
  }

  @Override
  protected RetrainAction broken() {
    return new RecordingRetrainAction(ActionResult.FAILURE);
  }

  @Override
  protected Delivery received() {
    RetrainEvent e = working.events.get(0);
    ObjectNode body = JSON.createObjectNode().put("model", e.model()).put("version", e.version());
    body.set("reason", e.reason());
    return new Delivery(e.traceparent(), body);
  }
}
