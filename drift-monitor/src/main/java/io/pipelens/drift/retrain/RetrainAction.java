package io.pipelens.drift.retrain;

/**
 * What runs when drift triggers retraining. Implementations block until done (bounded by their
 * own timeouts), never throw, and are called from one retraining thread at a time.
 */
public interface RetrainAction {
  /** {@code command}, {@code webhook}, {@code amqp}: the audit log's and metric's action label. */
  String kind();

  ActionResult run(RetrainEvent event);
}
