package io.pipelens.alerts.notify;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

class RecordingNotifierTest extends NotifierContract {
  private RecordingNotifier recorder;

  @BeforeEach
  void setUp() {
    recorder = new RecordingNotifier("memory[0]", true);
  }

  @Override
  protected Notifier notifier() {
    return recorder;
  }

  @Override
  protected List<String> delivered() {
    return recorder.sent().stream().map(n -> n.data().status() + " " + n.alerts()).toList();
  }

  @Override
  protected boolean failNextTransiently() {
    recorder.failNext(new NotifyException("test", true, "injected"));
    return true;
  }
}
