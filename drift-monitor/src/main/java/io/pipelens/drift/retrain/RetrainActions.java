package io.pipelens.drift.retrain;

import io.pipelens.drift.config.ActionSpec;

/** Builds the action a configuration entry describes. */
public final class RetrainActions {
  private RetrainActions() {}

  public static RetrainAction of(ActionSpec spec) {
    if (spec instanceof ActionSpec.Command c) {
      return new CommandAction(c);
    }
    if (spec instanceof ActionSpec.Webhook w) {
      return new WebhookAction(w);
    }
    return new AmqpAction((ActionSpec.Amqp) spec);
  }
}
