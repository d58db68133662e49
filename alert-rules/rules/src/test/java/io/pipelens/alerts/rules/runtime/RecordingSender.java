package io.pipelens.alerts.rules.runtime;

import java.util.ArrayList;
import java.util.List;

/** An {@link AlertSender} that keeps every batch it was handed. */
final class RecordingSender implements AlertSender {
  private final List<List<OutgoingAlert>> batches = new ArrayList<>();

  @Override
  public synchronized void send(List<OutgoingAlert> alerts) {
    batches.add(List.copyOf(alerts));
  }

  synchronized List<OutgoingAlert> all() {
    return batches.stream().flatMap(List::stream).toList();
  }

  /** Alerts handed over since the last call. */
  synchronized List<OutgoingAlert> drain() {
    List<OutgoingAlert> out = all();
    batches.clear();
    return out;
  }
}
