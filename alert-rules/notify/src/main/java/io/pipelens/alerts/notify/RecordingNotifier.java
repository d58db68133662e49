package io.pipelens.alerts.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * In-memory notifier that records what it was asked to send; for tests and for wiring checks.
 * Can be told to fail the next sends.
 */
public final class RecordingNotifier implements Notifier {
  private final String name;
  private final boolean sendResolved;
  private final List<Notification> sent = new ArrayList<>();
  private final List<NotifyException> failures = new ArrayList<>();

  public RecordingNotifier(String name, boolean sendResolved) {
    this.name = name;
    this.sendResolved = sendResolved;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean sendResolved() {
    return sendResolved;
  }

  /** The next send throws {@code e} (queued; one failure per call). */
  public synchronized void failNext(NotifyException e) {
    failures.add(e);
  }

  @Override
  public synchronized void send(Notification n) throws NotifyException {
    if (!failures.isEmpty()) throw failures.remove(0);
    sent.add(n);
  }

  public synchronized List<Notification> sent() {
    return List.copyOf(sent);
  }

  public synchronized void clear() {
    sent.clear();
  }
}
