package io.pipelens.drift.retrain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory action for tests: records events, answers a fixed outcome. */
final class RecordingRetrainAction implements RetrainAction {
  final List<RetrainEvent> events = new CopyOnWriteArrayList<>();
  private final String outcome;

  RecordingRetrainAction(String outcome) {
    this.outcome = outcome;
  }

  @Override
  public String kind() {
    return "recording";
  }

  @Override
  public ActionResult run(RetrainEvent event) {
    events.add(event);
    return ActionResult.of(outcome, 1, "recorded");
  }
}
